package odoodr.ssh;

import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The monitor key: its own file and comment per replica, a line on prod that forces df, an ssh that never asks. */
class MonitorKeyTest {
    private static final String PUB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx odoo-dr-monitor@prd-vnic\n";

    private static Config config(String extra) {
        return new ConfigLoader(() -> "prd-vnic").parse("prod:\n  ssh: {host: prod.example.com, port: 2222}\n" + extra,
                "/etc/odoo-dr/odoo-dr.yaml");
    }

    @Test
    void keyOfThePostgresUserNamedAfterTheReplica() {
        Config c = config("");
        assertThat(MonitorKey.privateKey(c)).isEqualTo(Path.of("/var/lib/postgresql/.ssh/odoo-dr-monitor-prd-vnic_ed25519"));
        assertThat(MonitorKey.comment(c)).isEqualTo("odoo-dr-monitor@prd-vnic");
        assertThat(MonitorKey.key(c).knownHosts()).isEqualTo(Tunnel.knownHosts());
        assertThat(MonitorKey.key(c).privateKey()).isNotEqualTo(Tunnel.key(c).privateKey());
    }

    @Test
    void authorisedForDfOfTheDataDiskAndNothingElse() {
        assertThat(MonitorKey.authorizedKey(config(""), PUB).line()).isEqualTo(
                "restrict,command=\"df -P -B1 -- /var/lib/docker\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx"
                        + " odoo-dr-monitor@prd-vnic");
        assertThat(MonitorKey.authorizedKey(config("  data_disk_path: /srv/pg-data\n"), PUB).options())
                .isEqualTo("restrict,command=\"df -P -B1 -- /srv/pg-data\"");
        assertThatThrownBy(() -> AuthorizedKey.monitor("ssh-ed25519 AAAA", Path.of("/srv/a b\";sh"), "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sshNeverAsksNeverTrustsANewHostKeyAndGivesUpQuickly() {
        String argv = String.join(" ", MonitorKey.dfArgv(config("")));
        assertThat(argv).contains("ssh -T -o StrictHostKeyChecking=yes -o ConnectTimeout=5 ")
                .contains("-o BatchMode=yes", "-p 2222", "-i /var/lib/postgresql/.ssh/odoo-dr-monitor-prd-vnic_ed25519",
                        "-o IdentitiesOnly=yes", "-o UserKnownHostsFile=/var/lib/postgresql/.ssh/known_hosts")
                .endsWith("-- ubuntu@prod.example.com df -P -B1 -- /var/lib/docker");
        // ssh takes the first value of an option: ours come before the shared ones
        assertThat(argv.indexOf("StrictHostKeyChecking=yes")).isLessThan(argv.indexOf("StrictHostKeyChecking=accept-new"));
        assertThat(argv.indexOf("ConnectTimeout=5")).isLessThan(argv.indexOf("ConnectTimeout=10"));
    }
}
