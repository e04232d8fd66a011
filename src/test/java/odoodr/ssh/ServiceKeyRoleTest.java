package odoodr.ssh;

import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service keys: one file and comment per role and replica, a line on prod restricted to the role's purpose; the
 * monitor's df through an ssh that never asks.
 */
class ServiceKeyRoleTest {
    private static final String PUB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx odoo-dr-monitor@prd-vnic\n";

    private static Config config(String extra) {
        return new ConfigLoader(() -> "prd-vnic").parse("prod:\n  ssh: {host: prod.example.com, port: 2222}\n" + extra,
                "/etc/odoo-dr/odoo-dr.yaml");
    }

    @Test
    void keyOfThePostgresUserNamedAfterTheReplica() {
        Config c = config("");
        assertThat(ServiceKeyRole.MONITOR.privateKey(c)).isEqualTo(Path.of("/var/lib/postgresql/.ssh/odoo-dr-monitor-prd-vnic_ed25519"));
        assertThat(ServiceKeyRole.MONITOR.comment(c)).isEqualTo("odoo-dr-monitor@prd-vnic");
        assertThat(ServiceKeyRole.MONITOR.key(c).knownHosts()).isEqualTo(ServiceKeyRole.TUNNEL.knownHosts());
        assertThat(ServiceKeyRole.MONITOR.key(c).privateKey()).isNotEqualTo(ServiceKeyRole.TUNNEL.key(c).privateKey());
    }

    @Test
    void eachRoleHasItsOwnUserFileAndComment() {
        Config c = config("");
        assertThat(ServiceKeyRole.TUNNEL.privateKey(c)).isEqualTo(Path.of("/var/lib/postgresql/.ssh/odoo-dr-tunnel-prd-vnic_ed25519"));
        assertThat(ServiceKeyRole.TUNNEL.key(c).publicKey()).isEqualTo(Path.of("/var/lib/postgresql/.ssh/odoo-dr-tunnel-prd-vnic_ed25519.pub"));
        assertThat(ServiceKeyRole.TUNNEL.comment(c)).isEqualTo("odoo-dr-tunnel@prd-vnic");
        assertThat(ServiceKeyRole.FILESTORE.privateKey(c)).isEqualTo(Path.of("/var/lib/odoo/.ssh/odoo-dr-filestore-prd-vnic_ed25519"));
        assertThat(ServiceKeyRole.FILESTORE.comment(c)).isEqualTo("odoo-dr-filestore@prd-vnic");
        assertThat(ServiceKeyRole.FILESTORE.knownHosts()).isEqualTo(Path.of("/var/lib/odoo/.ssh/known_hosts"));
        assertThat(ServiceKeyRole.TUNNEL.target(c)).isEqualTo(new SshTarget("ubuntu", "prod.example.com", 2222,
                ServiceKeyRole.TUNNEL.privateKey(c), Path.of("/var/lib/postgresql/.ssh/known_hosts")).strict());
        assertThat(ServiceKey.hostPattern(c)).isEqualTo("[prod.example.com]:2222");
    }

    @Test
    void theTunnelKeyMayOnlyForwardToProdsPostgres() {
        assertThat(ServiceKeyRole.TUNNEL.authorizedKey(config(""), PUB).line()).isEqualTo(
                "restrict,port-forwarding,permitopen=\"127.0.0.1:5432\",permitlisten=\"127.0.0.1:1\",command=\"/bin/false\""
                        + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx odoo-dr-tunnel@prd-vnic");
    }

    @Test
    void authorisedForDfOfTheDataDiskAndNothingElse() {
        assertThat(ServiceKeyRole.MONITOR.authorizedKey(config(""), PUB).line()).isEqualTo(
                "restrict,command=\"df -P -B1 -- /var/lib/docker\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx"
                        + " odoo-dr-monitor@prd-vnic");
        assertThat(ServiceKeyRole.MONITOR.authorizedKey(config("  data_disk_path: /srv/pg-data\n"), PUB).options())
                .isEqualTo("restrict,command=\"df -P -B1 -- /srv/pg-data\"");
        assertThatThrownBy(() -> AuthorizedKey.monitor("ssh-ed25519 AAAA", Path.of("/srv/a b\";sh"), "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sshNeverAsksNeverTrustsANewHostKeyAndGivesUpQuickly() {
        String argv = String.join(" ", ProdDiskQuery.dfArgv(config("")));
        assertThat(argv).contains("ssh -T -o StrictHostKeyChecking=yes -o ConnectTimeout=5 ")
                .contains("-o BatchMode=yes", "-p 2222", "-i /var/lib/postgresql/.ssh/odoo-dr-monitor-prd-vnic_ed25519",
                        "-o IdentitiesOnly=yes", "-o UserKnownHostsFile=/var/lib/postgresql/.ssh/known_hosts")
                .endsWith("-- ubuntu@prod.example.com df -P -B1 -- /var/lib/docker");
        // the monitor's target is strict itself: no accept-new anywhere in the argv, not even after ours
        assertThat(argv).doesNotContain("StrictHostKeyChecking=accept-new");
        assertThat(argv.indexOf("ConnectTimeout=5")).isLessThan(argv.indexOf("ConnectTimeout=10"));
    }
}
