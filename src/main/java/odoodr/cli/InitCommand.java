package odoodr.cli;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.ConfigKeys;
import odoodr.config.ConfigLoader;
import odoodr.config.ConfigTemplate;
import odoodr.config.ShortHostname;
import odoodr.process.ProcessRunner;
import odoodr.prod.Discovery;
import odoodr.prod.ProdCommands;
import odoodr.ssh.RemoteShell;
import odoodr.ssh.SshTarget;
import odoodr.runbook.SetupContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/** {@code odoo-dr init}: writes the commented config file (runbook Section 1, "fill these in once"). */
@Command(name = "init", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Write a fully commented configuration file (the runbook's Section 1 variables).",
                "Refuses to overwrite an existing file unless --force.",
                "With --discover, reads prod's values over SSH first (read-only: docker ps/inspect, ls of the"
                        + " filestore, ss), each written with a comment saying where it came from."})
public final class InitCommand implements Runnable {
    /** Each remote command of --discover; docker inspect of a big host can take seconds. */
    private static final Duration DISCOVER_TIMEOUT = Duration.ofSeconds(60);
    /** Every remote exit code is a result for {@link Discovery}; ssh's own 255 still throws (exit 11, with a hint). */
    private static final int[] ANY_REMOTE_EXIT = IntStream.range(1, RemoteShell.SSH_CONNECTION_FAILED).toArray();

    @ParentCommand
    OdooDrCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--prod-host", paramLabel = "HOST", description = "prod.ssh.host: the prod host's name or address")
    String prodHost;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "any other key, e.g. --set prod.pg_port=5433 --set databases=odoo,odoo_test (repeatable)")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--force", description = "overwrite an existing file")
    boolean force;

    @Option(names = "--discover", description = {"read prod.container, prod.filestore_path, prod.pg_port,"
            + " prod.superuser, prod.data_disk_path, postgres.major and databases off prod (needs --prod-host;"
            + " logs in with prod.ssh.* as given by --set, or their defaults). Values given with --set win."})
    boolean discover;

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
        String text = render(overrides, Map.of());
        boolean complete = overrides.containsKey(ConfigKeys.PROD_SSH_HOST);
        if (discover && !complete) {
            throw new DrException(ExitCode.USAGE, "--discover needs the prod host",
                    "odoo-dr init --discover --prod-host HOST [--set prod.ssh.user=...]");
        }
        if (complete) {
            ConfigLoader.loadString(text, target.toString()); // never write a file that would not load
        }
        Discovery.Result found = null;
        SshTarget ssh = null;
        if (discover) {
            // the operator's access exactly as setup will use it: from the config these overrides make
            ssh = SetupContext.operatorTarget(ConfigLoader.loadString(text, target.toString()));
            found = discover(ssh, overrides);
            Map<String, String> values = new LinkedHashMap<>(found.values());
            values.putAll(overrides);
            Map<String, String> comments = new LinkedHashMap<>(found.comments());
            comments.put(ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE,
                    "never discovered: odoo-dr reads no password off prod; put it in a 0600 file yourself");
            text = render(values, comments);
            ConfigLoader.loadString(text, target.toString());
        }
        write(target, text);
        PrintWriter out = spec.commandLine().getOut();
        if (found != null) {
            summary(out, spec.commandLine().getErr(), ssh.toString(), found);
        }
        out.println("wrote " + target);
        if (!complete) {
            out.println("next: set prod.ssh.host (and check the other values) in " + target
                    + ", then run odoo-dr preflight");
        } else if (found != null) {
            out.println("next: check the values above in " + target + ", then run odoo-dr preflight");
        }
        out.flush();
    }

    private static String render(Map<String, String> values, Map<String, String> comments) {
        try {
            return ConfigTemplate.render(values, ShortHostname.detect(), comments);
        } catch (IllegalArgumentException e) {
            throw new DrException(ExitCode.USAGE, e.getMessage(), "keys are written as in the file, e.g. prod.ssh.port");
        }
    }

    private static Discovery.Result discover(SshTarget target, Map<String, String> given) {
        RemoteShell shell = new RemoteShell(new ProcessRunner(), target);
        ProdCommands prod = argv -> shell.run(shell.command(argv, DISCOVER_TIMEOUT).allowExitCodes(ANY_REMOTE_EXIT)
                .build());
        return Discovery.discover(prod, given);
    }

    /** What came from prod and from where, then what the operator has to look at. */
    private static void summary(PrintWriter out, PrintWriter err, String from, Discovery.Result r) {
        if (r.found().isEmpty()) {
            out.println("discovered on " + from + ": nothing");
        } else {
            out.println("discovered on " + from + ":");
            int width = r.found().keySet().stream().mapToInt(String::length).max().orElse(0);
            r.found().forEach((key, f) -> out.println("  " + pad(key, width) + "  " + f.value() + "    from: " + f.source()));
        }
        out.println("check by hand:");
        r.notDiscovered().forEach((key, why) -> out.println("  " + key + ": not discovered (" + why + "), default kept"));
        out.println("  " + ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE
                + ": never discovered; write the superuser's password to a 0600 file and name it here");
        out.println("  " + ConfigKeys.REPLICA_NAME + ": this host's short name; keep it stable (it names the slot)");
        for (String w : r.warnings()) {
            err.println("odoo-dr: warning: " + w);
        }
        err.flush();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
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
