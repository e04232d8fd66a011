package odoodr.health;

import odoodr.config.HealthConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Per Odoo database, from what the filestore sync recorded ({@link FilestoreSyncState}): how long ago a pass last
 * succeeded (the runbook's "last line recent + rc=0"), how many attachments wait for their file, and how many prod
 * itself lacks.
 */
final class FilestoreChecks {
    static final String SYNC_AGE = "filestore_sync_age";
    static final String BACKLOG = "filestore_backlog";
    static final String MISSING_ON_PROD = "filestore_missing_on_prod";
    static final String NOT_RUN = "filestore sync has not run";

    private FilestoreChecks() {
    }

    static List<CheckId> ids(String db) {
        return List.of(CheckId.forDatabase(SYNC_AGE, db, "filestore " + db + ": last successful sync"),
                CheckId.forDatabase(BACKLOG, db, "filestore " + db + ": attachments not yet here"),
                CheckId.forDatabase(MISSING_ON_PROD, db, "filestore " + db + ": files missing on prod"));
    }

    static List<HealthCheck> evaluate(String db, Measured<Optional<FilestoreSyncState>> measured, Instant now,
                                      HealthConfig h) {
        List<CheckId> ids = ids(db);
        if (!measured.ok() || measured.sample().isEmpty()) {
            String reason = measured.ok() ? NOT_RUN : measured.failure();
            String hint = measured.ok() ? "the agent runs it (odoo-dr agent)" : measured.hint();
            return List.of(ids.get(0).unknown(reason, hint), ids.get(1).unknown(reason, null),
                    ids.get(2).unknown(reason, null));
        }
        FilestoreSyncState s = measured.sample().get();
        return List.of(age(ids.get(0), s, now, h), backlog(ids.get(1), s), missing(ids.get(2), s));
    }

    /** A file that keeps arriving with other bytes than its checksum will never be here: named, not waited for. */
    private static HealthCheck backlog(CheckId id, FilestoreSyncState s) {
        Measurement value = Measurement.of(s.backlog(), Unit.COUNT);
        String detail = "attachments on the standby whose file is not here yet (after the last pass)";
        List<String> corrupt = s.corruptOnProd();
        if (corrupt.isEmpty()) {
            return id.ok(value, detail);
        }
        String names = String.join(", ", corrupt.subList(0, Math.min(LISTED, corrupt.size())))
                + (corrupt.size() > LISTED ? " and " + (corrupt.size() - LISTED) + " more" : "");
        return id.warning(value, detail + "; " + corrupt.size() + " of them arrived with other bytes than their"
                        + " checksum (prod's file is corrupt, not mirrored): " + names,
                "put these files right on prod (from a backup); odoo-dr verify lists every attachment a failover"
                        + " would lose");
    }

    /** How many corrupt files the backlog row names. */
    private static final int LISTED = 5;

    private static HealthCheck age(CheckId id, FilestoreSyncState s, Instant now, HealthConfig h) {
        String error = s.findLastError().map(e -> "; the last pass failed: " + e).orElse("");
        if (s.lastSuccess() == null) {
            return s.lastAttempt() == null ? id.unknown(NOT_RUN, "the agent runs it (odoo-dr agent)")
                    : id.critical(null, "no pass has succeeded yet" + error, "see the agent's log (journalctl)");
        }
        double seconds = Math.max(0, Duration.between(s.lastSuccess(), now).toSeconds());
        Measurement value = new Measurement(seconds, Unit.SECONDS,
                Thresholds.above(h.filestoreAgeWarning().toSeconds(), h.filestoreAgeCritical().toSeconds()));
        HealthCheck judged = id.judged(value, "last success " + s.lastSuccess() + error,
                "files written on prod since then are not here: see the agent's log (journalctl)");
        if (!error.isEmpty() && judged.status() == CheckStatus.OK) {
            return id.warning(value, judged.detail(), "the next pass retries; see the agent's log if it keeps failing");
        }
        return judged;
    }

    private static HealthCheck missing(CheckId id, FilestoreSyncState s) {
        Measurement value = Measurement.of(s.missingOnProd(), Unit.COUNT);
        if (s.missingOnProd() == 0) {
            return id.ok(value, "every attachment asked for was on prod");
        }
        return id.warning(value, "attachments referenced on the standby whose file prod does not have either: Odoo"
                + " answers HTTP 500 for them on prod too", "odoo-dr verify lists them; fix them on prod");
    }
}
