package odoodr.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusRendererTest {
    @Test
    void textExpositionWithUnitsInNamesAndOneStatusGauge() {
        assertThat(new PrometheusRenderer().render(Reports.healthy())).isEqualTo("""
                # HELP odoo_dr_status Overall status of this replica: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
                # TYPE odoo_dr_status gauge
                odoo_dr_status 0
                # HELP odoo_dr_check_status Status of each check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
                # TYPE odoo_dr_check_status gauge
                odoo_dr_check_status{check="tunnel_up"} 0
                odoo_dr_check_status{check="replay_lag"} 0
                odoo_dr_check_status{check="slot_retained"} 0
                odoo_dr_check_status{check="standby_disk_free"} 0
                odoo_dr_check_status{check="filestore_backlog",database="odoo"} 0
                # HELP odoo_dr_tunnel_up tunnel to prod's PostgreSQL (1 yes, 0 no).
                # TYPE odoo_dr_tunnel_up gauge
                odoo_dr_tunnel_up 1
                # HELP odoo_dr_replay_lag_seconds replay lag (seconds).
                # TYPE odoo_dr_replay_lag_seconds gauge
                odoo_dr_replay_lag_seconds 0
                # HELP odoo_dr_slot_retained_bytes WAL kept on prod for the slot (bytes).
                # TYPE odoo_dr_slot_retained_bytes gauge
                odoo_dr_slot_retained_bytes 16777216
                # HELP odoo_dr_standby_disk_free_ratio disk free for the standby's data (fraction, 0 to 1).
                # TYPE odoo_dr_standby_disk_free_ratio gauge
                odoo_dr_standby_disk_free_ratio 0.245
                # HELP odoo_dr_filestore_backlog filestore attachments not yet here (count).
                # TYPE odoo_dr_filestore_backlog gauge
                odoo_dr_filestore_backlog{database="odoo"} 0
                # HELP odoo_dr_report_timestamp_seconds When the checks of this report ran (Unix time).
                # TYPE odoo_dr_report_timestamp_seconds gauge
                odoo_dr_report_timestamp_seconds 1764099612.345
                # HELP odoo_dr_info This replica (replica.name).
                # TYPE odoo_dr_info gauge
                odoo_dr_info{replica="prd-vnic"} 1
                """);
    }

    @Test
    void unmeasuredValuesHaveNoSampleButKeepTheirStatus() {
        String text = new PrometheusRenderer().render(Reports.broken());
        assertThat(text).contains("odoo_dr_status 2\n", "odoo_dr_check_status{check=\"slot_retained\"} 3\n",
                "odoo_dr_check_status{check=\"filestore_sync_age\",database=\"odoo\"} 3\n",
                "odoo_dr_tunnel_up 0\n", "odoo_dr_replay_lag_seconds 95.5\n");
        assertThat(text).doesNotContain("odoo_dr_slot_retained_bytes", "odoo_dr_filestore_sync_age_seconds");
        // every sample line is name{labels} value, every family has HELP and TYPE
        for (String line : text.split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) odoo_dr_[a-z_]+ .+|odoo_dr_[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? -?[0-9.]+");
        }
    }
}
