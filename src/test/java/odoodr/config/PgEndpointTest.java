package odoodr.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgEndpointTest {
    @Test
    void thePermanentTunnelIsASocketNamedByTheTunnelPortInItsOwnDirectory() {
        Config config = new ConfigLoader(() -> "prd-vnic").parse("""
                replica:
                  tunnel_port: 40001
                prod:
                  ssh: { host: prod.example.com }
                """, "test.yaml");
        PgEndpoint tunnel = PgEndpoint.permanentTunnel(config);
        assertThat(tunnel.isUnixSocket()).isTrue();
        assertThat(tunnel.host()).isEqualTo("/run/odoo-dr/tunnel-40001");
        assertThat(tunnel.socketFile()).isEqualTo(Path.of("/run/odoo-dr/tunnel-40001/.s.PGSQL.40001"));
        assertThat(tunnel.psqlArguments()).isEqualTo("-h /run/odoo-dr/tunnel-40001 -p 40001");
        assertThat(tunnel).hasToString("/run/odoo-dr/tunnel-40001/.s.PGSQL.40001");
    }

    @Test
    void theStandbyIsOnLoopbackAndHasNoSocketFile() {
        PgEndpoint standby = PgEndpoint.loopback(5432);
        assertThat(standby.host()).isEqualTo("127.0.0.1");
        assertThat(standby).hasToString("127.0.0.1:5432");
        assertThatThrownBy(standby::socketFile).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badEndpointsAreRefused() {
        assertThatThrownBy(() -> PgEndpoint.unixSocket(Path.of("run/x"), 1)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> PgEndpoint.loopback(0)).hasMessageContaining("port");
        assertThatThrownBy(() -> PgEndpoint.loopback(65536)).hasMessageContaining("port");
    }
}
