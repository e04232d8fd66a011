package odoodr.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What odoo-dr remembers of the drills ({@code odoo-dr drill}): the last attempt with its phase times, and when one
 * last passed (a failed drill keeps the date of the success before it).
 *
 * @param lastAttempt when the last drill ended
 * @param passed      whether it passed
 * @param failure     why it failed (one line), empty when it passed
 * @param copy        the copy's name ({@code drill_<utc stamp>})
 * @param phases      seconds per phase of the last attempt, in order: copy, recovery, neutralize, verify, check, total
 * @param lastSuccess when a drill last passed, empty when none ever did
 */
public record DrillRecord(Instant lastAttempt, boolean passed, Optional<String> failure, String copy,
                          Map<String, Double> phases, Optional<Instant> lastSuccess) {
    public static final String TOTAL = "total";

    public DrillRecord {
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(copy, "copy");
        phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        Objects.requireNonNull(lastSuccess, "lastSuccess");
    }

    /** The record after a drill that ended at {@code at}: a failure keeps the previous success's date. */
    public static DrillRecord after(Optional<DrillRecord> previous, Instant at, Optional<String> failure, String copy,
                                    Map<String, Double> phases) {
        Optional<Instant> success = failure.isEmpty() ? Optional.of(at)
                : previous.flatMap(DrillRecord::lastSuccess);
        return new DrillRecord(at, failure.isEmpty(), failure, copy, phases, success);
    }
}
