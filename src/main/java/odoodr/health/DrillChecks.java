package odoodr.health;

import odoodr.config.DrillConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DR drill's rows: "last successful drill" (WARNING past drill.max_age, or when the last drill failed), and the
 * last drill's phase times (always OK: they are the RTO figures, exported as {@code odoo_dr_drill_<phase>_seconds}).
 * Shown once a drill has run, or when drill.schedule asks the agent for drills: a replica whose operator never asked
 * for a drill is not made WARNING by an upgrade (as the archive rows appear only with archive.enabled).
 */
final class DrillChecks {
    static final CheckId LAST_SUCCESS = CheckId.of("drill_last_success", "last successful DR drill");
    static final List<String> PHASES = List.of("copy", "recovery", "neutralize", "verify", "check", DrillRecord.TOTAL);
    private static final String RUN = "run one: odoo-dr drill (it needs the archive and a base backup)";

    private DrillChecks() {
    }

    /** Whether the drill rows belong in the report at all. */
    static boolean shown(Measured<Optional<DrillRecord>> measured, DrillConfig config) {
        return config.schedule().isPresent() || !measured.ok() || measured.sample().isPresent();
    }

    static List<CheckId> ids() {
        List<CheckId> ids = new ArrayList<>(List.of(LAST_SUCCESS));
        PHASES.forEach(p -> ids.add(phase(p)));
        return ids;
    }

    static List<HealthCheck> evaluate(Measured<Optional<DrillRecord>> measured, DrillConfig config, Instant now) {
        if (!measured.ok()) {
            return List.of(LAST_SUCCESS.unknown(measured.failure(), measured.hint()));
        }
        if (measured.sample().isEmpty()) {
            return List.of(LAST_SUCCESS.warning(null, "no drill has run yet (drill.schedule is "
                    + config.schedule().map(d -> d.toHours() + " h").orElse("off") + ")", "the agent runs the first"
                    + " one soon, or " + RUN));
        }
        DrillRecord r = measured.sample().get();
        List<HealthCheck> rows = new ArrayList<>();
        rows.add(lastSuccess(r, config, now));
        String of = "last drill " + r.copy() + " (" + (r.passed() ? "passed" : "FAILED") + " " + r.lastAttempt() + ")";
        for (String p : PHASES) {
            Double seconds = r.phases().get(p);
            if (seconds != null) {
                rows.add(phase(p).ok(Measurement.of(seconds, Unit.SECONDS), of));
            }
        }
        return rows;
    }

    static CheckId phase(String name) {
        return CheckId.of("drill_" + name, "last DR drill: " + (name.equals(DrillRecord.TOTAL) ? "total time"
                : name + " phase"));
    }

    private static HealthCheck lastSuccess(DrillRecord r, DrillConfig config, Instant now) {
        if (r.lastSuccess().isEmpty()) {
            return LAST_SUCCESS.warning(null, "no drill has passed yet; the last one (" + r.lastAttempt() + ") failed: "
                    + r.failure().orElse("?"), "fix what it names, then " + RUN);
        }
        Instant success = r.lastSuccess().get();
        long age = Math.max(0, Duration.between(success, now).toSeconds());
        Measurement value = Measurement.of(age, Unit.SECONDS);
        String detail = "passed " + success + " (" + r.copy() + ", " + Math.round(r.phases().getOrDefault(
                DrillRecord.TOTAL, 0.0)) + " s)";
        if (!r.passed()) {
            return LAST_SUCCESS.warning(value, "the last drill (" + r.lastAttempt() + ") FAILED: " + r.failure()
                    .orElse("?") + "; last passed " + success, "fix what it names, then " + RUN);
        }
        if (age >= config.maxAge().toSeconds()) {
            return LAST_SUCCESS.warning(value, detail + ": older than drill.max_age", RUN);
        }
        return LAST_SUCCESS.ok(value, detail);
    }
}
