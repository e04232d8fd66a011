package odoodr.e2e;

import odoodr.config.PgEndpoint;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 3 of issue 9: a local user (nobody) listens on 127.0.0.1:<replica.tunnel_port> before setup, and stays
 * there through setup, status and a tunnel restart. Nothing of ours connects to it: the tunnels forward from a
 * socket in a directory only their user can enter, and the standby streams through that socket.
 */
class TunnelSquatterLabTest extends ReplicaLabTest {
    private ProdLab lab;
    private Process squatter;
    private Path squatterLog;
    private java.util.Set<String> commandLines = java.util.Set.of();

    @Override
    protected void prepare(ProdLab lab, Replica replica) throws Exception {
        this.lab = lab;
        squatterLog = dir.resolve("squatter.log");
        Files.writeString(squatterLog, "");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(squatterLog, PosixFilePermissions.fromString("rw-rw-rw-"));
        String listener = "import socket,sys\n"
                + "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                + "s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(8)\n"
                + "log=open(sys.argv[2], 'a', buffering=1); log.write('LISTENING\\n')\n"
                + "while True:\n"
                + "  c,_=s.accept(); c.settimeout(3); log.write('CONNECTION\\n')\n"
                + "  try:\n"
                + "    c.sendall(b'R\\x00\\x00\\x00\\x08\\x00\\x00\\x00\\x03'); log.write(repr(c.recv(65536))+'\\n')\n"
                + "  except Exception as e: log.write('closed %r\\n' % e)\n"
                + "  c.close()\n";
        squatter = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--reset-env",
                "/usr/bin/python3", "-c", listener, Integer.toString(replica.tunnelPort()), squatterLog.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("squatter.out").toFile()).start();
        Poll.lastOf(Duration.ofSeconds(10), Duration.ofMillis(100), () -> read(squatterLog), s -> s.contains("LISTENING"));
        assertThat(read(squatterLog)).as("nobody listens on the tunnel port").contains("LISTENING");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    @Order(1)
    void setupStreamsThroughTheSocketAndTheSquatterGetsNothing(ProdLab lab) {
        Replica.Run r;
        try (ProcessSampler sampler = ProcessSampler.start()) {
            r = replica.run("setup", "--only", "database");
            commandLines = sampler.commandLines();
        }
        assertThat(r.code()).as(r.all()).isZero();
        lab.sql("CREATE TABLE squat_rows AS SELECT g AS id FROM generate_series(1, 500) g");
        String host = Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(300), () -> standby(
                "SELECT sender_host FROM pg_stat_wal_receiver WHERE status = 'streaming'"), h -> !h.isEmpty());
        assertThat(host).isEqualTo(PgEndpoint.permanentTunnel(replica.config()).host());
        assertThat(read(squatterLog)).doesNotContain("CONNECTION");
        // other labs may run on this machine at the same time: only the forwards to our lab
        assertThat(commandLines.stream().filter(c -> c.startsWith("ssh ") && c.contains(" -L ") && c.contains("@" + lab.sshHost() + " ")))
                .as("ssh forwards seen during setup").isNotEmpty()
                .noneMatch(c -> c.contains(" -L 127.0.0.1:"));
    }

    /** A value read on the standby as prod's superuser, or "" while it cannot answer. */
    private String standby(String sql) {
        try (odoodr.postgres.PrimarySession s = odoodr.postgres.ConnectionFactory.session(
                odoodr.postgres.ConnectionProfile.LOCAL_STANDBY.loginAs(lab.superuser(),
                        PgEndpoint.loopback(replica.standbyPort()), odoodr.config.Secret.of(lab.superuserPassword()), "postgres"))) {
            return s.queryValue(sql).orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Test
    @Order(2)
    void theSocketDirectoryIsPostgresOnlyAndNobodyCannotEnterIt() throws Exception {
        PgEndpoint tunnel = PgEndpoint.permanentTunnel(replica.config());
        Path socketDir = tunnel.socketDirectory();
        assertThat(Files.getOwner(socketDir).getName()).isEqualTo("postgres");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socketDir))).isEqualTo("rwx------");
        assertThat(Files.getOwner(tunnel.socketFile(), java.nio.file.LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("postgres");
        var nobody = new odoodr.process.ProcessRunner().runAllowingFailure(odoodr.process.Command.of("setpriv",
                "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--reset-env", "sh", "-c",
                "touch \"$0\"/.s.PGSQL.1 || ls \"$0\" || echo BLOCKED", socketDir.toString()).timeout(Duration.ofSeconds(10)).build());
        assertThat(nobody.stdout()).contains("BLOCKED");
        assertThat(socketDir.resolve(".s.PGSQL.1")).doesNotExist();
    }

    @Test
    @Order(3)
    void statusAndATunnelRestartSendNothingToTheSquatter() {
        Replica.Run status = replica.run("status");
        assertThat(status.all()).contains(PgEndpoint.permanentTunnel(replica.config()).toString());
        long ssh = replica.tunnelSsh().orElseThrow().pid();
        ProcessHandle.of(ssh).ifPresent(ProcessHandle::destroyForcibly);
        // through the restart backoff and after: the checks keep asking, the walreceiver reconnects
        Poll.lastOf(Duration.ofSeconds(30), Duration.ofMillis(200), () -> replica.tunnelSsh().map(ProcessHandle::pid),
                p -> p.isPresent() && p.get() != ssh);
        replica.run("status");
        String streaming = Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(300), () -> standby(
                "SELECT status FROM pg_stat_wal_receiver"), "streaming"::equals);
        assertThat(streaming).isEqualTo("streaming");
        assertThat(read(squatterLog)).doesNotContain("CONNECTION");
    }

    @org.junit.jupiter.api.AfterAll
    void stopSquatter() {
        if (squatter != null) {
            squatter.destroyForcibly();
        }
    }
}
