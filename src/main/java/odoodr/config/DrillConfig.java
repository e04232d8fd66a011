package odoodr.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code drill:} the DR drill ({@code odoo-dr drill}): a throwaway copy of the standby from the archive, made safe for
 * Odoo, checked, measured and removed.
 *
 * @param odooBin      drill.odoo_bin: an odoo-bin on this host; set, the copy is neutralized by {@code odoo-bin
 *                     neutralize}; empty, by odoo-dr's own SQL (README "DR drills")
 * @param checkCommand drill.check_command: a shell command run against the copy (its host, port and database in
 *                     {@code ODOO_DR_DRILL_*}); empty = none
 * @param maxAge       drill.max_age: the health row warns when the last successful drill is older
 * @param schedule     drill.schedule: how often the agent runs a drill by itself; empty ({@code off}) = never
 */
public record DrillConfig(Optional<Path> odooBin, Optional<String> checkCommand, Duration maxAge,
                          Optional<Duration> schedule) {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
    public static final String OFF = "off";
    public static final DrillConfig DEFAULTS = new DrillConfig(Optional.empty(), Optional.empty(), DEFAULT_MAX_AGE,
            Optional.empty());

    public DrillConfig {
        Objects.requireNonNull(odooBin, "odooBin");
        checkCommand = Objects.requireNonNull(checkCommand, "checkCommand").filter(c -> !c.isBlank());
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(schedule, "schedule");
    }
}
