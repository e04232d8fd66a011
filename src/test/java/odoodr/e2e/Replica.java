package odoodr.e2e;

import odoodr.cli.OdooDrCommand;
import odoodr.lab.ProdLab;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import odoodr.standby.DebianCluster;
import odoodr.standby.ReplicationCredentials;
import odoodr.standby.ServiceUser;
import odoodr.standby.Tunnel;
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

    public Replica(ProdLab lab, Path dir) throws IOException {
        this.lab = lab;
        this.dir = dir;
        this.name = "lab-replica-" + lab.id();
        this.cluster = "drt" + lab.id();
        this.tunnelPort = freePort();
        this.standbyPort = freePort();
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
                ""));
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

    public int standbyPort() {
        return standbyPort;
    }

    public DebianCluster cluster() {
        return new DebianCluster(new ProcessRunner(), 15, cluster);
    }

    /** Runs odoo-dr in this JVM, as a user would on the command line, capturing stdout and stderr. */
    public synchronized Run run(String... args) {
        List<String> argv = new ArrayList<>(List.of("--config", configFile.toString()));
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
        tunnelProcess().ifPresent(p -> {
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
        if (Files.exists(Tunnel.knownHosts())) {
            // as postgres: ssh-keygen -R rewrites the file, and a root-owned known_hosts would lock the tunnel out
            r.runAllowingFailure(Command.of(ServiceUser.POSTGRES.as(List.of("ssh-keygen", "-R", lab.sshHost(), "-f",
                    Tunnel.knownHosts().toString()))).timeout(Duration.ofSeconds(10)).build());
            deleteQuietly(Path.of(Tunnel.knownHosts() + ".old"));
        }
        deleteQuietly(Tunnel.privateKey(config()));
        deleteQuietly(Tunnel.publicKey(config()));
        deleteQuietly(Path.of("/var/log/odoo-dr/tunnel-" + tunnelPort + ".log"));
        deleteQuietly(Path.of("/run/odoo-dr/tunnel-" + tunnelPort + ".lock"));
        deleteQuietly(Path.of("/run/odoo-dr/tunnel-" + tunnelPort + ".pid"));
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
