package odoodr.failover;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Prod's pin is shared by every replica on this host: another replica's key files keep it. */
class RemoveHostKeyPinsStepTest {
    @Test
    void anotherReplicasKeyKeepsThePin(@TempDir Path ssh) throws Exception {
        for (String f : new String[] {"known_hosts", "odoo-dr-tunnel-a_ed25519", "odoo-dr-tunnel-a_ed25519.pub",
                "odoo-dr-monitor-a_ed25519", "id_ed25519"}) {
            Files.writeString(ssh.resolve(f), "");
        }
        Set<String> oursA = Set.of("odoo-dr-tunnel-a_ed25519", "odoo-dr-monitor-a_ed25519");
        assertThat(RemoveHostKeyPinsStep.otherReplicaKeys(ssh, oursA)).as("only our own keys: the pin can go").isEmpty();

        Files.writeString(ssh.resolve("odoo-dr-tunnel-b_ed25519"), "");
        assertThat(RemoveHostKeyPinsStep.otherReplicaKeys(ssh, oursA)).containsExactly("odoo-dr-tunnel-b_ed25519");
        assertThat(RemoveHostKeyPinsStep.otherReplicaKeys(ssh.resolve("missing"), oursA)).isEmpty();
    }
}
