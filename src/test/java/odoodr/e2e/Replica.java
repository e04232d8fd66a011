package odoodr.e2e;

import odoodr.ssh.ServiceKeyRole;
import odoodr.cli.OdooDrCommand;
import odoodr.lab.ProdLab;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.ReplicationCredentials;
import odoodr.host.ServiceUser;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The replica side of an end-to-end test: a config pointing at a lab, a uniquely named Debian cluster and ports,
 * the CLI run in-process, and a teardown that removes everything setup made on this machine (cluster, tunnel,
 * pgpass lines, known_hosts lines), so the next test class starts clean.
 */
public final class Replica implements AutoCloseable {
    public record Run(int code, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private final ProdLab lab;
    private final Path dir;
    private final Path configFile;
    private final String name;
    private final String cluster;
    private final int tunnelPort;
    private final int standbyPort;
    private final int agentPort;
    /** Whether the odoo user existed before this replica: close() removes it only if we made it. */
    private final boolean odooUserExisted = Files.exists(odoodr.host.ServiceUser.ODOO.home())
            || userExists(odoodr.host.ServiceUser.ODOO.name());
    private Path filestoreBase;

    public Replica(ProdLab lab, Path dir) throws IOException {
        this.lab = lab;
        this.dir = dir;
        this.name = "lab-replica-" + lab.id();
        this.cluster = "drt" + lab.id();
        this.tunnelPort = freePort();
        this.standbyPort = freePort();
        this.agentPort = freePort();
        this.configFile = dir.resolve("odoo-dr.yaml");
        writeConfig(lab.superuserPasswordFile(), 15);
    }

    public void writeConfig(Path passwordFile, int major) throws IOException {
        Files.writeString(configFile, String.join("\n",
                "replica:",
                "  name: " + name,
                "  tunnel_port: " + tunnelPort,
                "prod:",
                "  ssh:",
                "    user: " + lab.sshUser(),
                "    host: " + lab.sshHost(),
                "    port: " + lab.sshPort(),
                "    identity_file: " + lab.operatorKey(),
                "    known_hosts: " + lab.knownHosts(),
                "  pg_port: " + lab.pgPort(),
                "  superuser: " + lab.superuser(),
                "  superuser_password_file: " + passwordFile,
                "  filestore_path: " + lab.filestorePath(),
                "postgres:",
                "  major: " + major,
                "  cluster: " + cluster,
                "  port: " + standbyPort,
                "  hot_standby_feedback: false",
                "databases: [" + String.join(", ", lab.databases()) + "]",
                "agent:",
                "  listen: 127.0.0.1:" + agentPort,
                filestoreBase == null ? "" : "filestore:\n  local_base: " + filestoreBase + "\n",
                ""));
    }

    /**
     * Gives this replica a mirror directory of its own ({@code /var/lib/odoo/filestore-<lab id>}), so that filestore
     * tests running at the same time never share one, and rewrites the config with it.
     */
    public Replica withOwnFilestore() throws IOException {
        filestoreBase = odoodr.host.ServiceUser.ODOO.home().resolve("filestore-" + lab.id());
        writeConfig(lab.superuserPasswordFile(), 15);
        return this;
    }

    /**
     * Mirrors below {@code base} instead (a size-limited mount the test made, say): the same cleanup as
     * {@link #withOwnFilestore()}, the mount itself is the caller's to remove.
     */
    public Replica withFilestoreBase(Path base) throws IOException {
        filestoreBase = base;
        writeConfig(lab.superuserPasswordFile(), 15);
        return this;
    }

    /** Where this replica mirrors database {@code db}'s files. */
    public Path filestoreDir(String db) {
        return config().filestore().localDirectoryOf(db);
    }

    public odoodr.config.Config config() {
        return odoodr.config.ConfigLoader.load(configFile);
    }

    public Path configFile() {
        return configFile;
    }

    public String name() {
        return name;
    }

    public String slotName() {
        return "replica_" + name.replace('-', '_');
    }

    public int tunnelPort() {
        return tunnelPort;
    }

    public int agentPort() {
        return agentPort;
    }

    public int standbyPort() {
        return standbyPort;
    }

    public DebianCluster cluster() {
        return new DebianCluster(new ProcessRunner(), 15, cluster);
    }

    /** Runs odoo-dr in this JVM, as a user would on the command line, capturing stdout and stderr. */
    public Run run(String... args) {
        return runWithConfig(configFile, args);
    }

    /** Like {@link #run}, with another config file (a second replica's, a broken copy). */
    public synchronized Run runWithConfig(Path config, String... args) {
        List<String> argv = new ArrayList<>(List.of("--config", config.toString()));
        argv.addAll(List.of(args));
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            CommandLine cl = OdooDrCommand.newCommandLine();
            int code = cl.execute(argv.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            oldOut.print(out.toString(StandardCharsets.UTF_8));
            oldErr.print(err.toString(StandardCharsets.UTF_8));
        }
    }

    /** The detached `odoo-dr tunnel` process, if one runs for this replica's port. */
    public java.util.Optional<ProcessHandle> tunnelProcess() {
        Path lock = Path.of("/run/odoo-dr/tunnel-" + tunnelPort + ".lock");
        try {
            if (!Files.exists(lock)) {
                return java.util.Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(lock).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The tunnel's ssh (child of the supervisor). */
    public java.util.Optional<ProcessHandle> tunnelSsh() {
        return tunnelProcess().flatMap(p -> p.children().filter(c -> c.info().command().orElse("").endsWith("/ssh")).findFirst());
    }

    @Override
    public void close() {
        ProcessRunner r = new ProcessRunner();
        // Every odoo-dr process started with this replica's config (the detached tunnel, also one that started
        // after its lock file was read), not only the one the lock file names.
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> java.util.Arrays.asList(a).contains(configFile.toString())).orElse(false))
                .forEach(p -> {
                    p.destroy();
                    p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
                    p.destroyForcibly();
                });
        cluster().drop();
        try {
            ReplicationCredentials.pgpass().removeEntries(e -> e.port().equals(Integer.toString(tunnelPort)));
        } catch (IOException | RuntimeException e) {
            System.err.println("replica cleanup: pgpass: " + e);
        }
        if (Files.exists(ServiceKeyRole.TUNNEL.knownHosts())) {
            // as postgres: ssh-keygen -R rewrites the file, and a root-owned known_hosts would lock the tunnel out
            r.runAllowingFailure(Command.of(ServiceUser.POSTGRES.as(List.of("ssh-keygen", "-R", lab.sshHost(), "-f",
                    ServiceKeyRole.TUNNEL.knownHosts().toString()))).timeout(Duration.ofSeconds(10)).build());
            deleteQuietly(Path.of(ServiceKeyRole.TUNNEL.knownHosts() + ".old"));
        }
        deleteQuietly(ServiceKeyRole.TUNNEL.privateKey(config()));
        deleteQuietly(ServiceKeyRole.TUNNEL.key(config()).publicKey());
        deleteQuietly(ServiceKeyRole.MONITOR.privateKey(config()));
        deleteQuietly(ServiceKeyRole.MONITOR.key(config()).publicKey());
        Path agentLog = Path.of("/var/log/odoo-dr/tunnel-" + tunnelPort + ".log");
        try {
            if (Files.exists(agentLog)) {
                // the detached agent's own log, for whoever reads a failed test's output
                System.err.println("---- " + agentLog + " ----\n" + Files.readString(agentLog) + "---- end ----");
            }
        } catch (IOException ignored) {
            // diagnostics only
        }
        deleteQuietly(agentLog);
        deleteQuietly(Path.of("/run/odoo-dr/tunnel-" + tunnelPort + ".lock"));
        deleteQuietly(Path.of("/run/odoo-dr/tunnel-" + tunnelPort + ".pid"));
        deleteQuietly(Path.of("/run/odoo-dr/tunnel-" + tunnelPort + ".last-exit")); // the supervisor's record of its ssh
        deleteTree(Path.of("/run/odoo-dr/tunnel-" + tunnelPort)); // the tunnel's socket directory
        deleteQuietly(Path.of("/run/odoo-dr/agent-" + tunnelPort + ".lock"));
        removeFilestoreState(r);
    }

    /**
     * What filestore setup made here for this replica: its key, prod's host key in odoo's known_hosts, its mirror
     * directories, seed markers and sync state; then the odoo user, its group and home, if this replica created them and no other
     * replica's key or mirror is left in that home.
     */
    private void removeFilestoreState(ProcessRunner r) {
        odoodr.config.Config config = config();
        odoodr.host.ServiceUser odoo = odoodr.host.ServiceUser.ODOO;
        Path knownHosts = odoo.sshDirectory().resolve("known_hosts");
        if (Files.exists(knownHosts) && userExists(odoo.name())) {
            r.runAllowingFailure(Command.of(odoo.as(List.of("ssh-keygen", "-R", lab.sshHost(), "-f", knownHosts.toString())))
                    .timeout(Duration.ofSeconds(10)).build());
            deleteQuietly(Path.of(knownHosts + ".old"));
        }
        Path key = odoo.sshDirectory().resolve("odoo-dr-filestore-" + name + "_ed25519");
        deleteQuietly(key);
        deleteQuietly(Path.of(key + ".pub"));
        Path base = config.filestore().localBase();
        for (String db : lab.databases()) {
            deleteTree(base.resolve(db));
            deleteQuietly(base.resolve(".odoo-dr-seeded-" + db));
        }
        deleteTree(odoodr.health.FilestoreSyncStateFile.directory(config)); // the sync state, as decommission does
        if (filestoreBase != null) {
            deleteTree(filestoreBase);
        } else {
            deleteEmptyDirectory(base);
        }
        if (!odooUserExisted && userExists(odoo.name()) && !otherReplicasUse(odoo.home())) {
            r.runAllowingFailure(Command.of("userdel", odoo.name()).timeout(Duration.ofSeconds(20)).build());
            r.runAllowingFailure(Command.of("groupdel", odoo.name()).timeout(Duration.ofSeconds(20)).build());
            deleteTree(odoo.home());
        }
    }

    /** Another replica's filestore key or mirror directory in the odoo user's home. */
    private static boolean otherReplicasUse(Path home) {
        return anyEntry(home.resolve(".ssh"), n -> n.startsWith("odoo-dr-filestore-")) || anyEntry(home, n -> n.startsWith("filestore"));
    }

    private static boolean anyEntry(Path dir, java.util.function.Predicate<String> name) {
        try (var entries = Files.list(dir)) {
            return entries.anyMatch(p -> name.test(p.getFileName().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean userExists(String user) {
        return new ProcessRunner().runAllowingFailure(Command.of("getent", "passwd", user)
                .timeout(Duration.ofSeconds(10)).build()).exitCode() == 0;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("replica cleanup: " + dir + ": " + e);
        }
    }

    private static void deleteEmptyDirectory(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException ignored) {
            // missing or not empty: leave it
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
