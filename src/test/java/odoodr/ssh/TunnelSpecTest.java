package odoodr.ssh;

import odoodr.config.PgEndpoint;
import odoodr.host.ServiceUser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TunnelSpecTest {
    static final SshTarget PROD = new SshTarget("odoo-dr", "prod.example.com", 2222,
            Path.of("/var/lib/postgresql/.ssh/odoo-dr-tunnel"), Path.of("/var/lib/postgresql/.ssh/known_hosts"));
    static final TunnelSpec SPEC = new TunnelSpec(PROD,
            PgEndpoint.unixSocket(Path.of("/run/odoo-dr/tunnel-40000"), 40000), 5432, ServiceUser.POSTGRES);

    @Test
    void theTunnelSshRunsAsPostgresThroughTheOneUserSwitchWithItsMinimalEnvironment() {
        List<String> argv = SPEC.argv();
        int ssh = argv.indexOf("ssh");
        assertThat(argv).isEqualTo(ServiceUser.POSTGRES.as(argv.subList(ssh, argv.size())));
        if (ServiceUser.runningAsRoot()) {
            assertThat(argv.subList(0, ssh)).contains("--reuid=postgres", "--reset-env");
        } else {
            assertThat(ssh).isZero();
        }
    }

    @Test
    void theTunnelForwardsOnlyItsPortAndKeepsItsOwnFastKeepalive() {
        List<String> argv = SPEC.argv();
        List<String> ssh = argv.subList(argv.indexOf("ssh"), argv.size());
        assertThat(ssh.subList(0, 3)).containsExactly("ssh", "-N", "-T");
        assertThat(ssh).containsSequence("-L", "/run/odoo-dr/tunnel-40000/.s.PGSQL.40000:127.0.0.1:5432", "--", "odoo-dr@prod.example.com")
                .containsSequence("-o", "ServerAliveInterval=2").containsSequence("-o", "ServerAliveCountMax=2")
                .doesNotContain("ServerAliveInterval=5", "ServerAliveCountMax=3")
                .containsSequence("-o", "ExitOnForwardFailure=yes")
                .containsSequence("-i", "/var/lib/postgresql/.ssh/odoo-dr-tunnel");
        assertThat(ssh.get(ssh.size() - 1)).isEqualTo("odoo-dr@prod.example.com");
    }

    @Test
    void theLocalEndIsAFreshOwnerOnlySocketNeverALoopbackPort() {
        List<String> argv = SPEC.argv();
        assertThat(argv).containsSequence("-o", "StreamLocalBindUnlink=yes")
                .containsSequence("-o", "StreamLocalBindMask=0177");
        String forward = argv.get(argv.indexOf("-L") + 1);
        assertThat(forward).startsWith("/run/odoo-dr/tunnel-40000/").doesNotStartWith("127.0.0.1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TunnelSpec(PROD,
                odoodr.config.PgEndpoint.loopback(40000), 5432, ServiceUser.POSTGRES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
