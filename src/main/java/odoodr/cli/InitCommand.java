package odoodr.cli;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.ConfigKeys;
import odoodr.config.ConfigLoader;
import odoodr.config.ConfigTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code odoo-dr init}: writes the commented config file (runbook Section 1, "fill these in once"). */
@Command(name = "init", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Write a fully commented configuration file (the runbook's Section 1 variables).",
                "Refuses to overwrite an existing file unless --force."})
public final class InitCommand implements Runnable {
    @ParentCommand
    OdooDrCommand root;

    @Option(names = "--prod-host", paramLabel = "HOST", description = "prod.ssh.host: the prod host's name or address")
    String prodHost;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "any other key, e.g. --set prod.pg_port=5433 --set databases=odoo,odoo_test (repeatable)")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--force", description = "overwrite an existing file")
    boolean force;

    @Override
    public void run() {
        Path target = root.configPath();
        if (Files.exists(target) && !force) {
            throw new DrException(ExitCode.CONFIG, target + " already exists; nothing was written",
                    "edit it, or write a fresh one with: odoo-dr init --force --config " + target);
        }
        Map<String, String> overrides = new LinkedHashMap<>(values);
        if (prodHost != null) {
            overrides.put(ConfigKeys.PROD_SSH_HOST, prodHost);
        }
        String text;
        try {
            text = ConfigTemplate.render(overrides);
        } catch (IllegalArgumentException e) {
            throw new DrException(ExitCode.USAGE, e.getMessage(), "keys are written as in the file, e.g. prod.ssh.port");
        }
        boolean complete = overrides.containsKey(ConfigKeys.PROD_SSH_HOST);
        if (complete) {
            ConfigLoader.loadString(text, target.toString()); // never write a file that would not load
        }
        write(target, text);
        System.out.println("wrote " + target);
        if (!complete) {
            System.out.println("next: set prod.ssh.host (and check the other values) in " + target
                    + ", then run odoo-dr preflight");
        }
    }

    /** Written next to the target and renamed into place: a crash never leaves a half-written config. */
    private static void write(Path target, String text) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".odoo-dr-init", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            try {
                Files.writeString(tmp, text);
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DrException(ExitCode.CONFIG, "cannot write " + target + ": " + e.getMessage(),
                    "choose a writable path with --config, or run as root for /etc/odoo-dr");
        }
    }
}
