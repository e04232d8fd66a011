package odoodr.output;

import odoodr.health.Measurement;
import odoodr.units.ByteSize;

import static odoodr.units.Decimal.plain;

/** A check's value as people read it: {@code 16 MB}, {@code 5m 3s}, {@code yes}, {@code 24.5%}; "-" when absent. */
public final class Quantities {
    private Quantities() {
    }

    public static String format(Measurement m) {
        if (m == null) {
            return "-";
        }
        double v = m.value();
        return switch (m.unit()) {
            case BYTES -> ByteSize.compact(v);
            case SECONDS -> seconds(v);
            case BOOLEAN -> v != 0 ? "yes" : "no";
            case COUNT -> plain(v, 0);
            case RATIO -> plain(v * 100, 1) + "%";
        };
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
}
