package odoodr.preflight;

import java.util.Locale;

/**
 * Sizes for people: powers of 1024 with PostgreSQL's unit names ({@code pg_size_pretty} says "43 MB" for 43 MiB), so
 * what preflight prints matches what the operator sees in psql and in {@code df -h}'s order of magnitude.
 */
final class ByteSizes {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

    private ByteSizes() {
    }

    /** "512 bytes", "1.5 kB", "43.9 MB", "312 GB": one decimal below 100 units, none above. */
    static String human(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size: " + bytes);
        }
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.96 MB would print as "1024 MB": carry over to the next unit instead
        if (Math.round(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
        return number + " " + UNITS[unit];
    }
}
