package odoodr.drill;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one drill did and found. Phase seconds in their order (copy, recovery, neutralize, verify, check, total); a
 * phase that did not run (the drill failed before it) is absent.
 *
 * @param copy          the copy's name, {@code drill_<utc stamp>}
 * @param port          the copy's port (0 when no copy was made)
 * @param target        where recovery stopped, in words (empty when it did not get there)
 * @param backup        the base backup the copy came from
 * @param failure       why the drill failed, empty when it passed
 * @param failedPhase   the phase that failed
 * @param neutralized   one entry per database
 * @param checks        the verify and identity lines
 * @param checkOutput   drill.check_command's exit code and output, when it ran
 * @param kept          --keep: the copy is left running
 */
public record DrillReport(String copy, int port, Instant started, Instant ended, Optional<String> target,
                          Optional<String> backup, Optional<String> failure, Optional<String> failedPhase,
                          Map<String, Double> phases, List<Neutralizer.Result> neutralized, List<String> checks,
                          Optional<CheckCommand.Outcome> checkOutput, boolean kept) {
    public DrillReport {
        phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        neutralized = List.copyOf(neutralized);
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return failure.isEmpty();
    }
}
