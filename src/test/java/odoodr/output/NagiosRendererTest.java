package odoodr.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NagiosRendererTest {
    @Test
    void healthyIsOneOkLineWithPerfdataAndExitZero() {
        NagiosRenderer r = new NagiosRenderer();
        assertThat(r.render(Reports.healthy())).isEqualTo("ODOO-DR OK - prd-vnic: all 5 checks OK"
                + " | tunnel_up=1;;;0;1 replay_lag=0s;30;300;0 slot_retained=16777216B;1073741824;10737418240;0"
                + " standby_disk_free=24.5%;10:;5:;0;100 filestore_backlog/odoo=0;;;0\n");
        assertThat(r.exitCode(Reports.healthy())).isZero();
    }

    @Test
    void theWorstChecksWithEvidenceTheOthersCountedNoPipeInTheTextAndUForUnmeasured() {
        NagiosRenderer r = new NagiosRenderer();
        assertThat(r.render(Reports.broken())).isEqualTo("ODOO-DR CRITICAL - prd-vnic:"
                + " tunnel to prod's PostgreSQL: nothing answers / on 127.0.0.1:40000 (also 1 WARNING, 2 UNKNOWN)"
                + " | tunnel_up=0;;;0;1 replay_lag=95.5s;30;300;0 slot_retained=U slot_safe_wal_size=U"
                + " filestore_sync_age/odoo=U\n");
        assertThat(r.exitCode(Reports.broken())).isEqualTo(2);
    }
}
