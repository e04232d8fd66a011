package odoodr.postgres;

import odoodr.host.AtomicFile;
import odoodr.host.ServiceUser;
import odoodr.host.Systemd;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The standby as a Debian PostgreSQL cluster ({@code /etc/postgresql/<major>/<name>}), driven by
 * postgresql-common's own tools so that {@code pg_lsclusters}, the package's systemd units and log rotation keep
 * working as the sysadmin expects. Without systemd as PID 1, {@code pg_ctlcluster} is told not to redirect to
 * systemctl.
 */
public final class DebianCluster {
    /** Where pg_createcluster puts every cluster's Unix socket (unix_socket_directories). */
    public static final Path SOCKET_DIRECTORY = Path.of("/var/run/postgresql");
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Duration START_STOP = Duration.ofMinutes(5);

    private final ProcessRunner runner;
    private final int major;
    private final String name;

    public DebianCluster(ProcessRunner runner, int major, String name) {
        this.runner = runner;
        this.major = major;
        this.name = name;
    }

    /** Every cluster postgresql-common knows on this host, of every major ({@code pg_lsclusters}). */
    public static List<DebianCluster> all(ProcessRunner runner) {
        ProcessResult r = runner.run(Command.of("pg_lsclusters", "--no-header").timeout(QUICK).build());
        List<DebianCluster> clusters = new ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].matches("\\d+")) {
                clusters.add(new DebianCluster(runner, Integer.parseInt(f[0]), f[1]));
            }
        }
        return clusters;
    }

    public int major() {
        return major;
    }

    public String name() {
        return name;
    }

    public String label() {
        return major + "/" + name;
    }

    public Path configDirectory() {
        return Path.of("/etc/postgresql", Integer.toString(major), name);
    }

    public Path confD() {
        return configDirectory().resolve("conf.d");
    }

    public Path binDirectory() {
        return Path.of("/usr/lib/postgresql", Integer.toString(major), "bin");
    }

    public boolean binariesInstalled() {
        return Files.isExecutable(binDirectory().resolve("postgres"))
                && Files.isExecutable(binDirectory().resolve("pg_basebackup"));
    }

    public boolean exists() {
        return Files.exists(configDirectory().resolve("postgresql.conf"));
    }

    /** The row of {@code pg_lsclusters}, when the cluster exists. */
    public Optional<ClusterStatus> status() {
        if (!exists()) {
            return Optional.empty();
        }
        ProcessResult r = runner.run(Command.of("pg_lsclusters", "--no-header", Integer.toString(major), name)
                .timeout(QUICK).build());
        return r.stdout().lines().map(ClusterStatus::parse).flatMap(Optional::stream).findFirst();
    }

    public Path dataDirectory() {
        return status().map(ClusterStatus::dataDirectory)
                .orElse(Path.of("/var/lib/postgresql", Integer.toString(major), name));
    }

    public void create(int port) {
        runner.run(Command.of("pg_createcluster", "--port", Integer.toString(port), Integer.toString(major), name)
                .timeout(Duration.ofMinutes(2))
                .onFailure(ExitCode.DATABASE, "pg_createcluster could not create " + label()
                        + "; see its message above, and pg_lsclusters")
                .build());
    }

    public void start() {
        control("start");
    }

    public void stop() {
        if (status().map(ClusterStatus::online).orElse(false)) {
            control("stop");
        }
    }

    /** Re-reads the configuration files (pg_hba.conf, pg_ident.conf, reloadable settings) of a running cluster. */
    public void reload() {
        control("reload");
    }

    public void promote() {
        control("promote");
    }

    /** Removes the cluster (configuration and data): only for decommission and tests. */
    public void drop() {
        if (exists()) {
            runner.run(Command.of("pg_dropcluster", "--stop", Integer.toString(major), name)
                    .timeout(START_STOP).onFailure(ExitCode.DATABASE, null).build());
        }
        // pg_dropcluster keeps files it did not make (odoo-dr's conf.d file, its marker): a new cluster of the same
        // name would silently pick up the old standby settings
        runner.run(Command.of("rm", "-rf", "--", configDirectory().toString()).timeout(QUICK).build());
    }

    private void control(String action) {
        List<String> argv = new ArrayList<>(List.of("pg_ctlcluster"));
        if (!Systemd.isRunning()) {
            argv.add("--skip-systemctl-redirect");
        }
        argv.addAll(List.of(Integer.toString(major), name, action));
        runner.run(Command.of(argv).timeout(START_STOP)
                .onFailure(ExitCode.DATABASE, "see the cluster's log: " + logFile()).build());
    }

    public Path startConfFile() {
        return configDirectory().resolve("start.conf");
    }

    /** The one setting of start.conf (auto, manual or disabled): whether the cluster starts at boot. */
    public Optional<String> startMode() {
        try {
            return AtomicFile.readIfExists(startConfFile()).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("")
                    .lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Replaces the setting line of start.conf, keeping postgresql-common's comments. */
    public void setStartMode(String mode) {
        Path file = startConfFile();
        try {
            List<String> lines = new ArrayList<>(AtomicFile.readIfExists(file)
                    .map(b -> new String(b, StandardCharsets.UTF_8).lines().toList()).orElse(List.of()));
            boolean replaced = false;
            for (int i = 0; i < lines.size() && !replaced; i++) {
                String l = lines.get(i).strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    lines.set(i, mode);
                    replaced = true;
                }
            }
            if (!replaced) {
                lines.add(mode);
            }
            // postgres owns /etc/postgresql/<major>/<cluster>: written without following a link, owned as
            // pg_createcluster made it
            AtomicFile.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
                    AtomicFile.WORLD_READABLE, ServiceUser.runningAsRoot() ? Optional.of(ServiceUser.POSTGRES.name())
                            : Optional.empty());
        } catch (IOException e) {
            throw new DrException(ExitCode.DATABASE, "cannot write " + file + ": " + e.getMessage(), null, e);
        }
    }

    public Path logFile() {
        return status().map(ClusterStatus::logFile)
                .orElse(Path.of("/var/log/postgresql/postgresql-" + major + "-" + name + ".log"));
    }

    /** The last lines of the cluster's log, for error messages ("hot standby is not possible because ..."). */
    public List<String> logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile());
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** One line of {@code pg_lsclusters}: "15 main 5432 online,recovery postgres /var/lib/... /var/log/...". */
    public record ClusterStatus(int port, String state, String owner, Path dataDirectory, Path logFile) {
        static Optional<ClusterStatus> parse(String line) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ClusterStatus(Integer.parseInt(f[2]), f[3], f[4], Path.of(f[5]),
                        f.length > 6 ? Path.of(f[6]) : null));
            } catch (NumberFormatException e) {
                throw new DrException(ExitCode.DATABASE, "unexpected pg_lsclusters output: " + line, null);
            }
        }

        public boolean online() {
            return state.startsWith("online");
        }

        public boolean inRecovery() {
            return state.contains("recovery");
        }
    }
}
