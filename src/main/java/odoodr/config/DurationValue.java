package odoodr.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code 30s}, {@code 5m}, {@code 1h}, {@code 1h30m}, {@code 2d}. Units are
 * required: a bare {@code 60} could be seconds or minutes, and guessing wrong by 60× is how a safety net stops working.
 */
public final class DurationValue {
    private static final Pattern SYNTAX = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    /**
     * Ten years: longer than any interval or retention means, and short enough that the loops adding durations to
     * instants (a timer, a backoff) can never overflow.
     */
    public static final Duration LONGEST = Duration.ofDays(3650);
    private static final String UNITS = "d (days), h, m, s, largest first, e.g. 30s, 5m, 1h, 1h30m, 2d";

    private DurationValue() {
    }

    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.matches("\\d+")) {
            throw new InvalidValueException("`" + trimmed + "` has no unit",
                    "add a unit, e.g. " + trimmed + "s or " + trimmed + "m (units: " + UNITS + ")");
        }
        Matcher m = SYNTAX.matcher(trimmed);
        if (trimmed.isEmpty() || !m.matches()) {
            throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not a duration", "units: " + UNITS);
        }
        try {
            Duration d = Duration.ofDays(number(m.group(1)))
                    .plusHours(number(m.group(2)))
                    .plusMinutes(number(m.group(3)))
                    .plusSeconds(number(m.group(4)));
            if (d.compareTo(LONGEST) > 0) {
                throw new ArithmeticException("longer than " + LONGEST);
            }
            return d;
        } catch (ArithmeticException e) {
            throw new InvalidValueException("`" + trimmed + "` is too long a duration (at most "
                    + LONGEST.toDays() + "d)", "units: " + UNITS);
        }
    }

    /** The shortest text that {@link #parse} reads back as the same duration (whole seconds). */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                out.append(seconds / sizes[i]).append(units[i]);
                seconds %= sizes[i];
            }
        }
        return out.toString();
    }

    private static long number(String digits) {
        if (digits == null) {
            return 0;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ArithmeticException("overflow");
        }
    }
}
