package odoodr.ssh;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Fingerprints as ssh-keygen prints them, pins compared by fingerprint, strict checking for the service users. */
class HostKeysTest {
    private static final String A = "SHA256:9FnB+eqF9X/uTp7ZvlwOmfAVWlwv8S5E/YuKyEWg44U";
    private static final String B = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    @Test
    void parsesSshKeygenListOutputHashedHostsIncluded() {
        String out = "256 " + A + " |1|jzhMla8NftJwG7fn9h1GxjoL5Kg=|sHH0piywvEX3Rfieq8g+I+VllqU= (ED25519)\n"
                + "3072 " + B + " [prod.example.com]:2222 (RSA)\n"
                + "# Host prod found: line 1\n"
                + "256 MD5:1f:2e:3d:4c:5b:6a:79:88:97:a6:b5:c4:d3:e2:f1:00 prod (ED25519)\n";
        assertThat(HostKeyFingerprint.parse(out)).containsExactly(new HostKeyFingerprint(A, "ED25519"),
                new HostKeyFingerprint(B, "RSA"));
        assertThat(HostKeyFingerprint.list(HostKeyFingerprint.parse(out))).isEqualTo(A + " (ED25519), " + B + " (RSA)");
        assertThat(HostKeyFingerprint.list(List.of())).isEqualTo("none");
    }

    @Test
    void fingerprintsOfRealKnownHostsLinesMatchSshKeygen(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("k");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).start().waitFor();
        String pub = Files.readString(Path.of(key + ".pub")).strip();
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub").start();
        String expected = new String(p.getInputStream().readAllBytes()).split(" ")[1];
        p.waitFor();
        String line = "[prod.example.com]:2222 " + pub.substring(0, pub.lastIndexOf(' ')) + "\n";
        assertThat(HostKeyFingerprint.of(new ProcessRunner(), line)).containsExactly(new HostKeyFingerprint(expected, "ED25519"));
    }

    @Test
    void aServicePinAgreesOnlyWhenEachOfItsKeysIsVerified() {
        HostKeys.Pinned operator = pin("/root/.ssh/known_hosts", A, B);
        assertThat(pin("/var/lib/postgresql/.ssh/known_hosts", A).agreesWith(operator)).isTrue();
        assertThat(pin("/var/lib/postgresql/.ssh/known_hosts", A, "SHA256:" + "x".repeat(43)).agreesWith(operator)).isFalse();
        assertThat(pin("/var/lib/postgresql/.ssh/known_hosts").agreesWith(operator)).as("no pin").isFalse();
    }

    @Test
    void aChangedServicePinIsRefusedWithBothFingerprintsAndTheRemoveCommand() {
        DrException e = HostKeys.serviceMismatch("postgres", pin("/var/lib/postgresql/.ssh/known_hosts", A),
                pin("/root/.ssh/known_hosts", B));
        assertThat(e.exitCode()).isEqualTo(ExitCode.SSH);
        assertThat(e.getMessage()).contains(A).contains(B).contains("/var/lib/postgresql/.ssh/known_hosts");
        assertThat(e.hint()).contains("ssh-keygen -R '[prod]:2222' -f /var/lib/postgresql/.ssh/known_hosts")
                .contains(HostKeys.VERIFY_ON_PROD);
    }

    @Test
    void aConfiguredFingerprintMustBePinned() {
        assertThat(HostKeys.configuredMismatch(pin("/k", A), Optional.empty())).isEmpty();
        assertThat(HostKeys.configuredMismatch(pin("/k", A, B), Optional.of(B))).isEmpty();
        DrException e = HostKeys.configuredMismatch(pin("/k", A), Optional.of(B)).orElseThrow();
        assertThat(e.exitCode()).isEqualTo(ExitCode.SSH);
        assertThat(e.getMessage()).contains(A).contains("prod.ssh.host_key_fingerprint " + B);
        assertThat(e.hint()).contains("ssh-keygen -R '[prod]:2222' -f /k");
    }

    @Test
    void serviceConnectionsCheckStrictlyTheOperatorsPinsOnFirstContact() {
        SshTarget operator = new SshTarget("ubuntu", "prod", 22, null, null);
        assertThat(operator.sshOptions()).contains("StrictHostKeyChecking=accept-new").doesNotContain("StrictHostKeyChecking=yes");
        assertThat(operator.strict().sshOptions()).contains("StrictHostKeyChecking=yes").doesNotContain("StrictHostKeyChecking=accept-new");
        assertThat(operator.hostPattern()).isEqualTo("prod");
        assertThat(new SshTarget("ubuntu", "prod", 2222, null, null).hostPattern()).isEqualTo("[prod]:2222");
    }

    @Test
    void everyServiceRoleConnectsStrictly() {
        odoodr.config.Config c = new odoodr.config.ConfigLoader(() -> "prd-vnic").parse("""
                prod:
                  ssh: {host: prod.example.com}
                  filestore_path: /srv/filestore
                """, "/etc/odoo-dr/odoo-dr.yaml");
        for (ServiceKeyRole role : ServiceKeyRole.values()) {
            assertThat(role.target(c).sshOptions()).as(role.word()).contains("StrictHostKeyChecking=yes");
        }
        assertThat(Tunnel.spec(c).argv()).contains("StrictHostKeyChecking=yes").doesNotContain("StrictHostKeyChecking=accept-new");
    }

    private static HostKeys.Pinned pin(String file, String... sha256) {
        return new HostKeys.Pinned(Path.of(file), "[prod]:2222", "",
                java.util.Arrays.stream(sha256).map(s -> new HostKeyFingerprint(s, "ED25519")).toList());
    }
}
