package odoodr.output;

import odoodr.health.CheckId;
import odoodr.health.CheckStatus;
import odoodr.health.HealthReport;
import odoodr.health.Measurement;
import odoodr.health.Thresholds;
import odoodr.health.Unit;

import java.time.Instant;
import java.util.List;

/** Fixed reports for the renderer tests: the renderers must turn exactly these into exactly the expected text. */
final class Reports {
    static final Instant TIME = Instant.parse("2025-11-25T19:40:12.345Z");

    private Reports() {
    }

    static HealthReport healthy() {
        return new HealthReport("prd-vnic", TIME, List.of(
                CheckId.of("tunnel_up", "tunnel to prod's PostgreSQL").ok(Measurement.flag(true), "answers, supervised"),
                CheckId.of("replay_lag", "replay lag").ok(new Measurement(0, Unit.SECONDS, Thresholds.above(30, 300)),
                        "everything received is replayed (0/3000148)"),
                CheckId.of("slot_retained", "WAL kept on prod for the slot").ok(
                        new Measurement(16_777_216, Unit.BYTES, Thresholds.above(1L << 30, 10L << 30)), "slot replica_prd_vnic"),
                CheckId.of("standby_disk_free", "disk free for the standby's data").ok(
                        new Measurement(0.245, Unit.RATIO, Thresholds.below(0.1, 0.05)), "12 GB free"),
                CheckId.forDatabase("filestore_backlog", "odoo", "filestore odoo: attachments not yet here").ok(
                        Measurement.of(0, Unit.COUNT), "after the last pass")));
    }

    static HealthReport broken() {
        return new HealthReport("prd-vnic", TIME, List.of(
                CheckId.of("tunnel_up", "tunnel to prod's PostgreSQL").critical(Measurement.flag(false),
                        "nothing answers | on 127.0.0.1:40000", "start it"),
                CheckId.of("replay_lag", "replay lag").judged(new Measurement(95.5, Unit.SECONDS, Thresholds.above(30, 300)),
                        "not streaming", "restore streaming"),
                CheckId.of("slot_retained", "WAL kept on prod for the slot").unknown("not measured: no tunnel", null),
                CheckId.of("slot_safe_wal_size", "slot WAL safety (prod)").result(CheckStatus.OK, null,
                        "unlimited", "set \"max_slot_wal_keep_size\""),
                CheckId.forDatabase("filestore_sync_age", "odoo", "filestore odoo: last successful sync")
                        .unknown("filestore sync has not run", "the agent runs it")));
    }
}
