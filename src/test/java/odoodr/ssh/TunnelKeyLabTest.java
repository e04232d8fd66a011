package odoodr.ssh;

import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.lab.ProdLabExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tunnel key can do on prod, against the lab's real sshd, with exactly the line setup authorises
 * ({@link AuthorizedKey#tunnel}): forward to prod's PostgreSQL, and nothing else — no other {@code -L} target, TCP
 * or Unix socket, and no listener on prod with {@code -R}, TCP or Unix socket (the latter with prod's sshd set as the
 * README says: {@code AllowStreamLocalForwarding no}, which no key option can replace).
 */
@ExtendWith(ProdLabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TunnelKeyLabTest {
    private static final Duration REFUSAL = Duration.ofSeconds(10);
    private Path key;

    /** In beforeEach, not beforeAll: the lab extension skips a test that cannot run here in its own beforeEach. */
    @BeforeEach
    void authoriseATunnelKey(ProdLab lab) throws Exception {
        if (key != null) {
            return;
        }
        Path dir = Files.createTempDirectory("odoo-dr-tunnel-key");
        Path made = dir.resolve("tunnel_ed25519");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "odoo-dr-tunnel@lab", "-f", made.toString()));
        AuthorizedKey line = AuthorizedKey.tunnel(AuthorizedKey.keyPart(Files.readString(Path.of(made + ".pub"))),
                lab.pgPort(), "odoo-dr-tunnel@lab");
        lab.exec("sh", "-c", "printf '%s\\n' \"$1\" >> /home/" + lab.sshUser() + "/.ssh/authorized_keys", "sh", line.line())
                .requireOk();
        // What the README asks of prod's sshd: refuse Unix-socket forwarding (odoo-dr's -L is TCP on prod's side).
        key = made;
        if (Boolean.getBoolean("odoodr.stockSshd")) {
            return;
        }
        String sshd = lab.env().get("LAB_STATE") + "/private/sshd";
        lab.exec("sh", "-c", "echo 'AllowStreamLocalForwarding no' >> \"$1/sshd_config\" && kill -HUP \"$(cat \"$1/sshd.pid\")\"",
                "sh", sshd).requireOk();
        Poll.lastOf(Duration.ofSeconds(10), Duration.ofMillis(200), () -> lab.ssh("true").ok(), up -> up);
    }

    @Test
    void forwardsToProdsPostgresAndToNothingElse(ProdLab lab) throws Exception {
        assertThat(localForwardAnswers(lab, "127.0.0.1:" + lab.pgPort(), true)).as("-L to prod's PostgreSQL").isTrue();
        assertThat(localForwardAnswers(lab, "127.0.0.1:" + lab.sshPort(), false)).as("-L to prod's sshd").isFalse();
        String pgSocket = lab.env().get("LAB_PG_SOCKET_DIR") + "/.s.PGSQL." + lab.pgPort();
        assertThat(localForwardAnswers(lab, pgSocket, true)).as("-L to PostgreSQL's Unix socket on prod").isFalse();
    }

    @Test
    void opensNoTcpListenerOnProd(ProdLab lab) throws Exception {
        for (String spec : List.of("40999:127.0.0.1:22", "127.0.0.1:40999:127.0.0.1:22", "0.0.0.0:40999:127.0.0.1:22",
                "localhost:1:127.0.0.1:22", "127.0.0.1:1:127.0.0.1:22", "0:127.0.0.1:22")) {
            assertThat(remoteForwardStaysUp(lab, spec)).as("ssh -R " + spec).isFalse();
        }
        assertThat(lab.exec("ss", "-ltnH").stdout()).as("listeners on prod").doesNotContain(":40999").doesNotContain(":1 ");
    }

    @Test
    void opensNoUnixSocketOnProd(ProdLab lab) throws Exception {
        String socket = "/home/" + lab.sshUser() + "/odoo-dr-planted.sock";
        assertThat(remoteForwardStaysUp(lab, socket + ":127.0.0.1:22")).as("ssh -R of a Unix socket").isFalse();
        assertThat(lab.exec("test", "-e", socket).exitCode()).as(socket + " on prod").isNotZero();
    }

    /** ssh with the tunnel key only, no user config, the lab's pinned host key. */
    private List<String> ssh(ProdLab lab, String... options) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-i", key.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + lab.knownHosts(), "-o", "StrictHostKeyChecking=yes",
                "-o", "ExitOnForwardFailure=yes", "-p", Integer.toString(lab.sshPort()), "-N"));
        argv.addAll(List.of(options));
        argv.add(lab.sshUser() + "@" + lab.sshHost());
        return argv;
    }

    /** ssh -R exits at once when prod refuses the listener (ExitOnForwardFailure); one still up got it. */
    private boolean remoteForwardStaysUp(ProdLab lab, String spec) throws Exception {
        Process p = new ProcessBuilder(ssh(lab, "-R", spec)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return !p.waitFor(REFUSAL.toSeconds(), TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /** Opens ssh -L from a free local port to {@code target} on prod; true when PostgreSQL (or sshd) answers. */
    private boolean localForwardAnswers(ProdLab lab, String target, boolean postgres) throws Exception {
        int local;
        try (ServerSocket s = new ServerSocket(0)) {
            local = s.getLocalPort();
        }
        Process p = new ProcessBuilder(ssh(lab, "-L", "127.0.0.1:" + local + ":" + target)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return Poll.lastOf(Duration.ofSeconds(10), Duration.ofMillis(200),
                    () -> postgres ? postgresAnswers(local) : sshdAnswers(local), up -> up);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /** PostgreSQL's answer to an SSLRequest ('S' or 'N') on a local TCP port: this test's own forward. */
    private static boolean postgresAnswers(int local) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", local)) {
            s.setSoTimeout(3000);
            java.io.DataOutputStream out = new java.io.DataOutputStream(s.getOutputStream());
            out.writeInt(8);
            out.writeInt(80877103);
            out.flush();
            int answer = s.getInputStream().read();
            return answer == 'S' || answer == 'N';
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sshdAnswers(int local) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", local)) {
            s.setSoTimeout(3000);
            return s.getInputStream().read() == 'S';
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(argv + ": " + out).isZero();
    }
}
