package odoodr.health;

import odoodr.config.PgEndpoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small things: status order, thresholds, the tunnel's four cases, the report's invariants. */
class ChecksTest {
    static final PgEndpoint TUNNEL = PgEndpoint.unixSocket(Path.of("/run/odoo-dr/tunnel-40000"), 40000);
    private static final Path LOG = Path.of("/var/log/odoo-dr/tunnel-40000.log");

    @Test
    void worstStatusCriticalThenWarningThenUnknownThenOk() {
        assertThat(CheckStatus.worstOf(List.of())).isEqualTo(CheckStatus.OK);
        assertThat(CheckStatus.worstOf(List.of(CheckStatus.OK, CheckStatus.UNKNOWN))).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(CheckStatus.worstOf(List.of(CheckStatus.UNKNOWN, CheckStatus.WARNING))).isEqualTo(CheckStatus.WARNING);
        assertThat(CheckStatus.worstOf(List.of(CheckStatus.WARNING, CheckStatus.CRITICAL, CheckStatus.UNKNOWN)))
                .isEqualTo(CheckStatus.CRITICAL);
        assertThat(List.of(CheckStatus.values())).extracting(CheckStatus::code).containsExactly(0, 1, 2, 3);
    }

    @Test
    void thresholdsBothWays() {
        Thresholds high = Thresholds.above(30, 300);
        assertThat(List.of(0.0, 29.9, 30.0, 299.0, 300.0)).extracting(high::classify).containsExactly(CheckStatus.OK,
                CheckStatus.OK, CheckStatus.WARNING, CheckStatus.WARNING, CheckStatus.CRITICAL);
        Thresholds low = Thresholds.below(0.10, 0.05);
        assertThat(List.of(0.5, 0.10, 0.06, 0.05)).extracting(low::classify).containsExactly(CheckStatus.OK,
                CheckStatus.WARNING, CheckStatus.WARNING, CheckStatus.CRITICAL);
    }

    @Test
    void tunnelSupervisedAndAnsweringOrNot() {
        assertThat(TunnelCheck.evaluate(new TunnelSample(true, true, TUNNEL, LOG)).status()).isEqualTo(CheckStatus.OK);
        HealthCheck orphan = TunnelCheck.evaluate(new TunnelSample(false, true, TUNNEL, LOG));
        assertThat(orphan.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(orphan.detail()).contains("nobody restarts it");
        HealthCheck cut = TunnelCheck.evaluate(new TunnelSample(true, false, TUNNEL, LOG));
        assertThat(cut.status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(cut.value().value()).isZero();
        assertThat(cut.hint()).contains(LOG.toString());
        assertThat(TunnelCheck.evaluate(new TunnelSample(false, false, TUNNEL, LOG)).hint()).contains("odoo-dr setup");
    }

    @Test
    void aTunnelWhoseSshRefusesProdsHostKeySaysSoAndHowToTellAReinstallFromAnImpostor() {
        HealthCheck refused = TunnelCheck.evaluate(new TunnelSample(true, false, TUNNEL, LOG,
                "exited 255 at 2026-12-03T18:30:01Z: Host key verification failed."));
        assertThat(refused.status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(refused.detail()).contains("its ssh refuses prod's host key",
                "(ssh exited 255 at 2026-12-03T18:30:01Z: Host key verification failed.)");
        assertThat(refused.hint()).contains("ssh-keygen -R", "otherwise stop and investigate");
        HealthCheck cut = TunnelCheck.evaluate(new TunnelSample(true, false, TUNNEL, LOG,
                "exited 255 at 2026-12-03T18:30:01Z: Connection timed out during banner exchange"));
        assertThat(cut.detail()).contains("link down", "(its ssh exited 255 at 2026-12-03T18:30:01Z: Connection timed out");
        assertThat(cut.hint()).contains(LOG.toString());
    }

    @Test
    void reportRefusesTwoChecksWithOneKeyAndDetailsAreOneLine() {
        HealthCheck a = CheckId.of("tunnel_up", "x").ok(null, "line one\n  line two");
        assertThat(a.detail()).isEqualTo("line one | line two");
        assertThatThrownBy(() -> new HealthReport("r", java.time.Instant.EPOCH, List.of(a, a)))
                .hasMessageContaining("tunnel_up");
        assertThatThrownBy(() -> CheckId.of("Bad-Id", "x").ok(null, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
