package odoodr.output;

import odoodr.health.Measurement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A check's value as people read it: {@code 16 MB}, {@code 5m 3s}, {@code yes}, {@code 24.5%}; "-" when absent. */
public final class Quantities {
    private static final String[] BYTE_UNITS = {"kB", "MB", "GB", "TB", "PB"};

    private Quantities() {
    }

    public static String format(Measurement m) {
        if (m == null) {
            return "-";
        }
        double v = m.value();
        return switch (m.unit()) {
            case BYTES -> bytes(v);
            case SECONDS -> seconds(v);
            case BOOLEAN -> v != 0 ? "yes" : "no";
            case COUNT -> plain(v, 0);
            case RATIO -> plain(v * 100, 1) + "%";
        };
    }

    /** Powers of 1024 with PostgreSQL's unit names (pg_size_pretty, max_slot_wal_keep_size). */
    static String bytes(double bytes) {
        if (Math.abs(bytes) < 1024) {
            return plain(bytes, 0) + " B";
        }
        double v = bytes;
        int unit = -1;
        while (Math.abs(v) >= 1024 && unit < BYTE_UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return plain(v, 1) + " " + BYTE_UNITS[unit];
    }

    static String seconds(double seconds) {
        if (seconds < 60) {
            return plain(seconds, 1) + "s";
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }

    /** At most {@code decimals} decimals, without trailing zeros: 3, 2.5, 0.125. */
    static String plain(double v, int decimals) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
