package odoodr.e2e;

import odoodr.ExitCode;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * prod's host key as the operator meets it (security finding 5), against the lab's real sshd: preflight shows its
 * fingerprint, a configured fingerprint is enforced, and a changed key (the lab's regenerated) is refused naming what
 * prod offers and what is pinned, with the ssh-keygen -R to run once the new key is verified.
 */
class HostKeyLabTest extends ReplicaLabTest {
    private static final String OTHER = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    @Test
    @Order(1)
    void preflightShowsProdsFingerprint(ProdLab lab) throws Exception {
        Replica.Run r = replica.run("preflight");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("prod's host key " + fingerprint(lab) + " (ED25519)")
                .contains("set it as prod.ssh.host_key_fingerprint");
    }

    @Test
    @Order(2)
    void anotherKeyThanTheConfiguredOneIsRefusedBeforeAnyPassword(ProdLab lab) throws Exception {
        configureFingerprint(OTHER);
        try {
            Replica.Run r = replica.run("preflight");
            assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.SSH.code());
            assertThat(r.out()).contains(fingerprint(lab)).contains("is not prod.ssh.host_key_fingerprint " + OTHER)
                    .contains("not checked: ssh-reachable is blocked");
            replica.writeConfig(lab.superuserPasswordFile(), 15);
            configureFingerprint(fingerprint(lab));
            Replica.Run ok = replica.run("preflight");
            assertThat(ok.code()).as(ok.all()).isZero();
            assertThat(ok.out()).contains(fingerprint(lab) + " (ED25519) = prod.ssh.host_key_fingerprint");
        } finally {
            replica.writeConfig(lab.superuserPasswordFile(), 15);
        }
    }

    @Test
    @Order(3)
    void aChangedHostKeyIsRefusedWithBothFingerprints(ProdLab lab) throws Exception {
        String old = fingerprint(lab);
        String sshd = lab.env().get("LAB_STATE") + "/private/sshd";
        lab.exec("sh", "-c", "rm -f \"$1/ssh_host_ed25519_key\" \"$1/ssh_host_ed25519_key.pub\""
                + " && ssh-keygen -q -t ed25519 -N '' -f \"$1/ssh_host_ed25519_key\" && kill -HUP \"$(cat \"$1/sshd.pid\")\"",
                "sh", sshd).requireOk();
        String fresh = lab.exec("ssh-keygen", "-l", "-E", "sha256", "-f", sshd + "/ssh_host_ed25519_key.pub").stdout().split(" ")[1];
        assertThat(fresh).isNotEqualTo(old);
        Poll.lastOf(Duration.ofSeconds(10), Duration.ofMillis(200),
                () -> lab.exec("sh", "-c", "test \"$(cat \"$1/sshd.pid\")\" -gt 0", "sh", sshd).ok(), up -> up);

        Replica.Run r = Poll.lastOf(Duration.ofSeconds(20), Duration.ofMillis(500), () -> replica.run("preflight"),
                run -> run.out().contains(fresh));
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.SSH.code());
        assertThat(r.out()).contains("Host key verification failed").contains("prod now offers " + fresh)
                .contains("pins " + old).contains("ssh-keygen -R '" + new odoodr.ssh.SshTarget(lab.sshUser(), lab.sshHost(), lab.sshPort(), null, null)
                        .hostPattern() + "' -f " + lab.knownHosts());
    }

    private void configureFingerprint(String fingerprint) throws Exception {
        String text = Files.readString(replica.configFile());
        Files.writeString(replica.configFile(), text.replaceFirst("(?m)^(    known_hosts: .*)$",
                "$1\n    host_key_fingerprint: " + fingerprint.replace("$", "\\$")));
    }

    private static String fingerprint(ProdLab lab) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", lab.knownHosts().toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.split(" ")[1];
    }
}
