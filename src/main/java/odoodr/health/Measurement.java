package odoodr.health;

import java.util.Objects;
import java.util.Optional;

/**
 * A check's number: the value, its unit, and the thresholds it was judged by (renderers show them, e.g. in Nagios
 * perfdata).
 *
 * @param thresholds null when the value is judged by other rules (a boolean, a state name)
 */
public record Measurement(double value, Unit unit, Thresholds thresholds) {
    public Measurement {
        Objects.requireNonNull(unit, "unit");
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a number: " + value);
        }
    }

    public static Measurement of(double value, Unit unit) {
        return new Measurement(value, unit, null);
    }

    public static Measurement flag(boolean yes) {
        return new Measurement(yes ? 1 : 0, Unit.BOOLEAN, null);
    }

    public Optional<Thresholds> findThresholds() {
        return Optional.ofNullable(thresholds);
    }
}
