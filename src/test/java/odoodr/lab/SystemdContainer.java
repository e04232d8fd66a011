package odoodr.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A booted Debian 12 container with a real systemd as PID 1, built and driven by {@code scripts/systemd-container}:
 * the replica host of the tests that need systemd (units, restarts, reboots). Its tree is built once and cached
 * (keyed by its package list); each instance is a copy-on-write overlay of it, so no instance sees what another left.
 * It reaches a {@link ProdLab} only over the routed path the replica host uses (ssh to prod's address). This class
 * only runs the script (argv, never a shell string); every call has a timeout. Use it through
 * {@link SystemdContainerExtension}.
 */
public final class SystemdContainer implements AutoCloseable {
    static final Duration UP_TIMEOUT = Duration.ofMinutes(5);       // includes the first build of the tree (~60 s)
    static final Duration DOWN_TIMEOUT = Duration.ofMinutes(2);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path script;
    private final String name;
    private final Map<String, String> env;
    private final DownCommand down;

    private SystemdContainer(Path script, String name, Map<String, String> env) {
        this.script = script;
        this.name = name;
        this.env = env;
        this.down = new DownCommand(List.of(script.toString(), "down", "--name", name), DOWN_TIMEOUT,
                "systemd-container-down-" + name);
    }

    /** Boots an instance named {@code name} ([a-z0-9]{1,8}), owned by this JVM; on failure nothing is left. */
    public static SystemdContainer up(String name) {
        Path script = script();
        List<String> command = List.of(script.toString(), "up", "--name", name,
                "--owner-pid", Long.toString(ProcessHandle.current().pid()));
        CommandResult result = LabCommand.run(command, null, UP_TIMEOUT);
        if (!result.ok()) {
            LabCommand.run(List.of(script.toString(), "down", "--name", name), null, DOWN_TIMEOUT);
            result.requireOk();
        }
        Map<String, String> env = ProdLab.parseEnv(result.stdout());
        if (!name.equals(env.get("CT_NAME"))) {
            throw new ProdLabException("systemd-container up printed no CT_NAME=" + name + ": " + result.stdout());
        }
        return new SystemdContainer(script, name, env);
    }

    static Path script() {
        Path script = ProdLab.projectDir().resolve("scripts/systemd-container");
        if (!Files.isExecutable(script)) {
            throw new ProdLabException(script + " is missing or not executable (set -Dodoodr.projectDir)");
        }
        return script;
    }

    public String name() {
        return name;
    }

    /** The container's address on the host bridge. */
    public String address() {
        return env.get("CT_ADDR");
    }

    /** Runs a command as root inside (all its namespaces, a clean environment, outside its units). Does not throw. */
    public CommandResult exec(String... argv) {
        return exec(DEFAULT_TIMEOUT, argv);
    }

    public CommandResult exec(Duration timeout, String... argv) {
        List<String> command = new ArrayList<>(List.of(script.toString(), "exec", "--name", name, "--"));
        command.addAll(Arrays.asList(argv));
        return LabCommand.run(command, null, timeout);
    }

    /** {@link #exec} that must succeed; its stdout, trailing newline stripped. */
    public String run(String... argv) {
        return exec(argv).requireOk().stdout().stripTrailing();
    }

    /** Copies a host file into the container (mode kept), making the parent directories. */
    public void copyTo(Path source, String destination) {
        LabCommand.run(List.of(script.toString(), "copy-to", "--name", name, source.toString(), destination), null,
                DEFAULT_TIMEOUT).requireOk();
    }

    /** Writes text to a file inside the container with the given octal mode. */
    public void write(String destination, String text, String mode) {
        try {
            Path tmp = Files.createTempFile("systemd-container-", ".tmp");
            try {
                Files.writeString(tmp, text);
                copyTo(tmp, destination);
                run("chmod", mode, destination);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (java.io.IOException e) {
            throw new ProdLabException("cannot write " + destination + " into container " + name, e);
        }
    }

    /** {@code systemctl reboot} inside; returns once the new boot's systemd is running. */
    public void reboot() {
        LabCommand.run(List.of(script.toString(), "reboot", "--name", name), null, UP_TIMEOUT).requireOk();
    }

    /** Routes the container to the lab's prod address (and back), as a replica host's network would. */
    public void connect(ProdLab lab) {
        LabCommand.run(List.of(script.toString(), "connect", "--name", name, lab.stateDir().resolve("lab.env").toString()),
                null, DEFAULT_TIMEOUT).requireOk();
    }

    /** Powers the container off and removes the instance (its overlay, cgroups, veth, routes). Idempotent. */
    @Override
    public void close() {
        down.run();
    }

    @Override
    public String toString() {
        return "SystemdContainer[" + name + " " + address() + "]";
    }
}
