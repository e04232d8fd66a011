package odoodr.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes such as {@code 50GB}, {@code 512MB}, {@code 1.5GiB}, {@code 10kB}, in bytes.
 *
 * <p>Every unit is a power of 1024, PostgreSQL's convention ({@code 1GB = 1024MB} in postgresql.conf, e.g.
 * {@code max_slot_wal_keep_size}): operators compare our thresholds with PostgreSQL's settings and must not be 7%
 * off. The IEC spellings (KiB, MiB, GiB, TiB) mean the same thing. Units are case-insensitive since no unit here has
 * a decimal (10^n) meaning to be confused with.
 */
public final class ByteSizeValue {
    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]+)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("b", 1L),
            Map.entry("kb", 1L << 10), Map.entry("kib", 1L << 10),
            Map.entry("mb", 1L << 20), Map.entry("mib", 1L << 20),
            Map.entry("gb", 1L << 30), Map.entry("gib", 1L << 30),
            Map.entry("tb", 1L << 40), Map.entry("tib", 1L << 40));
    private static final String HELP = "write a number and a unit: B, kB, MB, GB, TB (powers of 1024 like PostgreSQL;"
            + " KiB, MiB, GiB, TiB also accepted), e.g. 512MB, 50GB, 1.5GiB";

    private ByteSizeValue() {
    }

    public static long parse(String text) {
        String trimmed = text.strip();
        if (trimmed.matches("\\d+")) {
            throw new InvalidValueException("`" + trimmed + "` has no unit", "add a unit, e.g. " + trimmed + "MB; " + HELP);
        }
        Matcher m = SYNTAX.matcher(trimmed);
        if (!m.matches()) {
            throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not a size", HELP);
        }
        Long unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw new InvalidValueException("`" + m.group(2) + "` is not a size unit", HELP);
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new InvalidValueException("`" + trimmed + "` is not a whole number of bytes", HELP);
        }
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new InvalidValueException("`" + trimmed + "` is too large", HELP);
        }
        return bytes.longValueExact();
    }

    /** The largest unit that represents {@code bytes} exactly, e.g. 1536MB, 50GB, 100B. */
    public static String format(long bytes) {
        String[] names = {"TB", "GB", "MB", "kB"};
        long[] sizes = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < names.length; i++) {
            if (bytes != 0 && bytes % sizes[i] == 0) {
                return bytes / sizes[i] + names[i];
            }
        }
        return bytes + "B";
    }
}
