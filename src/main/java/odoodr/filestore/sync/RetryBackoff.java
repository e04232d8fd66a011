package odoodr.filestore.sync;

import java.time.Duration;

/**
 * When to ask prod again for a file that did not arrive: {@code first}, then doubling, never more than {@code max}
 * apart (5 s, 10 s, 20 s ... 10 min). A file that prod does not have costs one line in a file list every
 * ten minutes at worst, and one that shows up again (a lagging replica of prod's storage, a restored backup) is
 * picked up without anyone's help.
 */
public record RetryBackoff(Duration first, Duration max) {
    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    public RetryBackoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff " + first + " .. " + max);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1-based). */
    public Duration delayAfter(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        Duration d = first;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
