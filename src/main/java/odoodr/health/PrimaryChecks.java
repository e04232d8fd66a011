package odoodr.health;

import odoodr.units.ByteSize;
import odoodr.config.HealthConfig;
import odoodr.health.PrimarySample.ReplicationRow;
import odoodr.health.PrimarySample.SlotRow;

import java.util.List;

/**
 * Prod's rows (runbook Section C's "Primary" queries): this replica's row in {@code pg_stat_replication}, and its
 * slot — active, how much WAL it makes prod keep, and how safe that is. A slot that retains WAL during a long outage
 * fills prod's disk; {@code max_slot_wal_keep_size} trades that for losing the slot (then the standby needs a fresh
 * base backup), and {@code wal_status}/{@code safe_wal_size} say how close that is.
 */
final class PrimaryChecks {
    static final CheckId STREAMING = CheckId.of("prod_streaming", "prod sees this standby streaming");
    static final CheckId BEHIND = CheckId.of("prod_replay_behind", "replay behind prod's WAL (prod)");
    static final CheckId SLOT_ACTIVE = CheckId.of("slot_active", "replication slot active (prod)");
    static final CheckId SLOT_RETAINED = CheckId.of("slot_retained", "WAL kept on prod for the slot");
    static final CheckId SLOT_SAFE = CheckId.of("slot_safe_wal_size", "slot WAL safety (prod)");
    static final List<CheckId> ALL = List.of(STREAMING, BEHIND, SLOT_ACTIVE, SLOT_RETAINED, SLOT_SAFE);

    static final String KEEP_SIZE_HINT = "to cap it, on prod: ALTER SYSTEM SET max_slot_wal_keep_size = '50GB';"
            + " SELECT pg_reload_conf(); (a size prod's disk can spare; a slot over it is lost instead of the disk"
            + " filling, and the standby then needs a fresh base backup)";

    private PrimaryChecks() {
    }

    static List<HealthCheck> evaluate(Measured<PrimarySample> measured, HealthConfig h) {
        return evaluate(measured, null, h);
    }

    /** @param prodDisk prod's data disk when it could be measured, else null: the slot rows' hints then name it */
    static List<HealthCheck> evaluate(Measured<PrimarySample> measured, DiskSample prodDisk, HealthConfig h) {
        if (!measured.ok()) {
            String reason = measured.failure();
            String notMeasured = "not measured: " + reason;
            return List.of(STREAMING.critical(null, "cannot ask prod: " + reason, measured.hint()),
                    BEHIND.unknown(notMeasured, null),
                    SLOT_ACTIVE.unknown(notMeasured, null),
                    SLOT_RETAINED.unknown(notMeasured, "while the standby does not stream, prod keeps WAL for the"
                            + " slot: a long outage can fill prod's disk" + (prodDisk == null ? ""
                            : " (" + DiskFreeCheck.prodFree(prodDisk) + ")")),
                    SLOT_SAFE.unknown(notMeasured, null));
        }
        PrimarySample p = measured.sample();
        String disk = retainedVersusFree(p, prodDisk);
        return List.of(streaming(p), behind(p, h), slotActive(p), slotRetained(p, h, disk), slotSafe(p, disk));
    }

    /** "the slot keeps 1.2 GB; prod has 12.0 GB free on /var/lib/docker; ", or "" when either is unknown. */
    private static String retainedVersusFree(PrimarySample p, DiskSample prodDisk) {
        if (prodDisk == null || p.slot() == null || p.slot().retainedBytes() == null) {
            return "";
        }
        return "the slot keeps " + ByteSize.gigabytes(Math.max(0, p.slot().retainedBytes())) + "; "
                + DiskFreeCheck.prodFree(prodDisk) + "; ";
    }

    private static HealthCheck streaming(PrimarySample p) {
        ReplicationRow r = p.replication();
        if (r == null) {
            return STREAMING.critical(Measurement.flag(false), "prod's pg_stat_replication has no row for "
                    + p.applicationName(), "the standby is not connected to prod: see the WAL receiver row");
        }
        String detail = "state " + r.state() + (r.syncState() == null ? "" : ", " + r.syncState());
        if ("streaming".equals(r.state())) {
            return STREAMING.ok(Measurement.flag(true), detail + " (" + p.applicationName() + ")");
        }
        return STREAMING.warning(Measurement.flag(false), detail + " (" + p.applicationName() + ")",
                "catchup: the standby is catching up after an outage; it turns streaming by itself");
    }

    private static HealthCheck behind(PrimarySample p, HealthConfig h) {
        ReplicationRow r = p.replication();
        if (r == null || r.replayBehindBytes() == null) {
            return BEHIND.unknown(r == null ? "no row in prod's pg_stat_replication" : "the standby has not reported"
                    + " a replay position yet", null);
        }
        return BEHIND.judged(new Measurement(Math.max(0, r.replayBehindBytes()), Unit.BYTES,
                        Thresholds.above(h.lagBytesWarning(), h.lagBytesCritical())),
                "pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) on prod",
                "growing without recovery: the link is too slow for prod's write rate, or replay is stuck");
    }

    private static HealthCheck slotActive(PrimarySample p) {
        SlotRow s = p.slot();
        if (s == null) {
            return SLOT_ACTIVE.critical(Measurement.flag(false), "slot " + p.slotName() + " does not exist on prod",
                    "without it prod may remove WAL the standby still needs: run odoo-dr setup --only database");
        }
        if (!s.active()) {
            return SLOT_ACTIVE.critical(Measurement.flag(false), "slot " + p.slotName() + " exists but nothing"
                    + " streams from it", "the standby is not connected: see the tunnel and WAL receiver rows");
        }
        return SLOT_ACTIVE.ok(Measurement.flag(true), "slot " + p.slotName() + " in use");
    }

    private static HealthCheck slotRetained(PrimarySample p, HealthConfig h, String disk) {
        SlotRow s = p.slot();
        if (s == null || s.retainedBytes() == null) {
            // a lost slot has no restart_lsn either: prod keeps nothing for it any more (slot_safe_wal_size says why)
            return SLOT_RETAINED.unknown(s == null ? "no slot " + p.slotName() : "slot " + p.slotName()
                    + ("lost".equals(s.walStatus()) ? " is lost: prod keeps no WAL for it" : " has no restart_lsn yet (never used)"),
                    null);
        }
        boolean unlimited = p.maxSlotWalKeepSizeBytes() != null && p.maxSlotWalKeepSizeBytes() < 0;
        return SLOT_RETAINED.judged(new Measurement(Math.max(0, s.retainedBytes()), Unit.BYTES,
                        Thresholds.above(h.slotRetainedWarning(), h.slotRetainedCritical())),
                "pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) of slot " + p.slotName(),
                disk + "prod keeps this WAL until the standby has it: restore streaming; if this replica is gone for good,"
                        + " drop the slot (odoo-dr decommission)" + (unlimited ? "; " + KEEP_SIZE_HINT : ""));
    }

    private static HealthCheck slotSafe(PrimarySample p, String disk) {
        SlotRow s = p.slot();
        if (s == null) {
            return SLOT_SAFE.unknown("no slot " + p.slotName(), null);
        }
        if (s.walStatus() == null) {
            return SLOT_SAFE.ok(null, "wal_status and max_slot_wal_keep_size need PostgreSQL 13 on prod");
        }
        Long keep = p.maxSlotWalKeepSizeBytes();
        boolean unlimited = keep == null || keep < 0;
        Measurement value = s.safeWalSizeBytes() == null ? null : new Measurement(Math.max(0, s.safeWalSizeBytes()),
                Unit.BYTES, unlimited ? null : Thresholds.below(keep / 2.0, keep / 10.0));
        String status = "wal_status " + s.walStatus();
        switch (s.walStatus()) {
            case "lost" -> {
                return SLOT_SAFE.critical(value, status + ": prod removed WAL the standby needs; it cannot catch up",
                        "take a fresh base backup: odoo-dr setup --only database --reseed");
            }
            case "unreserved" -> {
                return SLOT_SAFE.critical(value, status + ": prod removes WAL the standby still needs at its next"
                        + " checkpoint", "restore streaming now (see the tunnel row), or raise max_slot_wal_keep_size");
            }
            default -> {
                // reserved, extended
            }
        }
        if (unlimited) {
            return SLOT_SAFE.result(CheckStatus.OK, null, status + "; max_slot_wal_keep_size = -1: unlimited, prod"
                    + " keeps WAL for the slot until its disk is full (see the retained row)", disk + KEEP_SIZE_HINT);
        }
        if (value == null) {
            return "extended".equals(s.walStatus())
                    ? SLOT_SAFE.warning(null, status + ": beyond max_wal_size, within max_slot_wal_keep_size",
                    "restore streaming before the slot is lost")
                    : SLOT_SAFE.ok(null, status);
        }
        return SLOT_SAFE.judged(value, status + "; WAL prod may still write before the slot is lost (of "
                        + keep / (1024 * 1024) + "MB allowed by max_slot_wal_keep_size)",
                disk + "the slot is using up max_slot_wal_keep_size: restore streaming before it is lost, or raise the"
                        + " setting on prod");
    }
}
