package odoodr.units;

import java.util.Locale;

/**
 * Byte counts for people, in one place: powers of 1024 with PostgreSQL's unit names ({@code pg_size_pretty} says
 * "43 MB" for 43 MiB; {@code max_slot_wal_keep_size} is written the same way), so what odoo-dr prints matches what
 * the operator sees in psql and in {@code df -h}'s order of magnitude. Three styles, each for where it is read:
 * <ul>
 * <li>{@link #compact}: the status table's value column ("16 MB", "1.5 kB", "512 B");</li>
 * <li>{@link #human} and {@link #rate}: messages and progress lines ("512 bytes", "43.9 MB", "312 GB", "1.2 MB/s");</li>
 * <li>{@link #gigabytes}: the disk checks' details, always in GB with one decimal ("12.0 GB").</li>
 * </ul>
 */
public final class ByteSize {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};
    private static final double GB = 1L << 30;

    private ByteSize() {
    }

    /** At most one decimal, without a trailing zero: "16 MB", "1.5 kB", "512 B", "-2 kB". */
    public static String compact(double bytes) {
        if (Math.abs(bytes) < 1024) {
            return Decimal.plain(bytes, 0) + " B";
        }
        Scaled s = scaled(Math.abs(bytes));
        return Decimal.plain(Math.copySign(s.value(), bytes), 1) + " " + UNITS[s.unit()];
    }

    /** "512 bytes", "1 byte", "1.5 kB", "43.9 MB", "312 GB": one decimal below 100 units, none above. */
    public static String human(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size: " + bytes);
        }
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        Scaled s = scaled(bytes);
        double value = s.value();
        int unit = s.unit();
        // 1023.96 MB would print as "1024 MB": carry over to the next unit instead
        if (Math.round(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
        return number + " " + UNITS[unit];
    }

    /** A transfer rate in the style of {@link #human}: "1.2 MB/s". */
    public static String rate(double bytesPerSecond) {
        return human((long) Math.max(0, bytesPerSecond)) + "/s";
    }

    /** "12.0 GB" whatever the size, so that the disk checks' numbers line up from one run to the next. */
    public static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / GB);
    }

    private record Scaled(double value, int unit) {
    }

    /** {@code bytes} ≥ 1024 in the largest unit that keeps the value at 1 or more. */
    private static Scaled scaled(double bytes) {
        double v = bytes;
        int unit = -1;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return new Scaled(v, unit);
    }
}
