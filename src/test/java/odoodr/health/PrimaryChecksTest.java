package odoodr.health;

import odoodr.config.HealthConfig;
import odoodr.health.PrimarySample.ReplicationRow;
import odoodr.health.PrimarySample.SlotRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrimaryChecksTest {
    private static final HealthConfig H = HealthConfig.DEFAULTS;
    private static final ReplicationRow STREAMING = new ReplicationRow("streaming", "async", 0L);

    private static List<HealthCheck> eval(ReplicationRow r, SlotRow s, Long keep) {
        return PrimaryChecks.evaluate(Measured.of(new PrimarySample("prd-vnic_replica", "replica_prd_vnic", r, s, keep)), H);
    }

    private static HealthCheck row(List<HealthCheck> checks, String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void healthyWithUnlimitedRetentionIsOkButSaysHowToCapIt() {
        List<HealthCheck> c = eval(STREAMING, new SlotRow(true, 16L << 20, "reserved", null), -1L);
        assertThat(c).extracting(HealthCheck::status).containsOnly(CheckStatus.OK);
        HealthCheck safe = row(c, "slot_safe_wal_size");
        assertThat(safe.detail()).contains("max_slot_wal_keep_size = -1", "unlimited");
        assertThat(safe.hint()).contains("ALTER SYSTEM SET max_slot_wal_keep_size", "pg_reload_conf()");
        assertThat(row(c, "slot_retained").value().value()).isEqualTo(16L << 20);
    }

    @Test
    void retainedWalGrowingTowardsProdsDiskWarnsThenIsCritical() {
        HealthCheck warn = row(eval(STREAMING, new SlotRow(false, 2L << 30, "extended", null), -1L), "slot_retained");
        assertThat(warn.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(warn.hint()).contains("restore streaming", "max_slot_wal_keep_size");
        assertThat(row(eval(STREAMING, new SlotRow(false, 11L << 30, "extended", null), -1L), "slot_retained").status())
                .isEqualTo(CheckStatus.CRITICAL);
    }

    @Test
    void withACapTheHeadroomLeftIsJudged() {
        long keep = 10L << 30;
        assertThat(row(eval(STREAMING, new SlotRow(true, 0L, "reserved", keep), keep), "slot_safe_wal_size").status())
                .isEqualTo(CheckStatus.OK);
        HealthCheck half = row(eval(STREAMING, new SlotRow(false, 6L << 30, "extended", 4L << 30), keep), "slot_safe_wal_size");
        assertThat(half.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(half.value().value()).isEqualTo(4L << 30);
        assertThat(row(eval(STREAMING, new SlotRow(false, 9L << 30, "extended", 512L << 20), keep), "slot_safe_wal_size")
                .status()).isEqualTo(CheckStatus.CRITICAL);
        HealthCheck lost = row(eval(null, new SlotRow(false, null, "lost", null), keep), "slot_safe_wal_size");
        assertThat(lost.status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(lost.hint()).contains("--reseed");
        // a lost slot has no restart_lsn: not "never used" (what prod's slot looked like in FaultsLabTest)
        assertThat(row(eval(null, new SlotRow(false, null, "lost", null), keep), "slot_retained").detail())
                .endsWith(" is lost: prod keeps no WAL for it");
        assertThat(row(eval(null, new SlotRow(false, 9L << 30, "unreserved", null), keep), "slot_safe_wal_size").status())
                .isEqualTo(CheckStatus.CRITICAL);
    }

    @Test
    void noRowNoSlotAndCatchup() {
        List<HealthCheck> c = eval(null, null, -1L);
        assertThat(row(c, "prod_streaming").status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(row(c, "prod_streaming").detail()).contains("no row for prd-vnic_replica");
        assertThat(row(c, "prod_replay_behind").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(row(c, "slot_active").status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(row(c, "slot_active").detail()).contains("replica_prd_vnic does not exist");
        assertThat(row(eval(new ReplicationRow("catchup", "async", 5L << 20), null, -1L), "prod_streaming").status())
                .isEqualTo(CheckStatus.WARNING);
        assertThat(row(eval(STREAMING, new SlotRow(false, 0L, "reserved", null), -1L), "slot_active").status())
                .isEqualTo(CheckStatus.CRITICAL);
    }

    @Test
    void beforePostgres13ThereIsNoWalStatusAndThatIsNotAProblem() {
        HealthCheck safe = row(eval(STREAMING, new SlotRow(true, 0L, null, null), null), "slot_safe_wal_size");
        assertThat(safe.status()).isEqualTo(CheckStatus.OK);
        assertThat(safe.detail()).contains("PostgreSQL 13");
    }

    @Test
    void prodUnreachableStreamingIsCriticalTheRestUnknown() {
        List<HealthCheck> c = PrimaryChecks.evaluate(Measured.failed("the tunnel passes no traffic to prod", "see the tunnel row"), H);
        assertThat(row(c, "prod_streaming").status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(row(c, "prod_streaming").detail()).isEqualTo("cannot ask prod: the tunnel passes no traffic to prod");
        assertThat(c.subList(1, c.size())).extracting(HealthCheck::status).containsOnly(CheckStatus.UNKNOWN);
        assertThat(row(c, "slot_retained").hint()).contains("can fill prod's disk");
    }
}
