package odoodr.config;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code health:}: every threshold optional, and each warning value less severe than its critical value
 * (a warning that can never show, because critical comes first, is a typo the operator wants to hear about).
 */
final class HealthConfigBinder {
    private static final String DURATION = "a duration such as 30s or 5m";
    private static final String SIZE = "a size such as 512MB or 10GB";
    private static final String PERCENT = "a percentage such as 10%";

    private HealthConfigBinder() {
    }

    static HealthConfig bind(YamlSection section) {
        HealthConfig d = HealthConfig.DEFAULTS;
        Pair<Duration> lag = pair(section, "lag", DURATION, DurationValue::parse, d.lagWarning(), d.lagCritical(),
                Duration::compareTo, DurationValue::format, false);
        Pair<Long> lagBytes = pair(section, "lag_bytes", SIZE, ByteSizeValue::parse, d.lagBytesWarning(),
                d.lagBytesCritical(), Long::compare, ByteSizeValue::format, false);
        Pair<Long> slot = pair(section, "slot_retained", SIZE, ByteSizeValue::parse, d.slotRetainedWarning(),
                d.slotRetainedCritical(), Long::compare, ByteSizeValue::format, false);
        Pair<Double> disk = pair(section, "disk_free", PERCENT, PercentValue::parse, d.diskFreeWarning(),
                d.diskFreeCritical(), Double::compare, PercentValue::format, true);
        Pair<Duration> filestore = pair(section, "filestore_age", DURATION, DurationValue::parse,
                d.filestoreAgeWarning(), d.filestoreAgeCritical(), Duration::compareTo, DurationValue::format, false);
        return new HealthConfig(lag.warning, lag.critical, lagBytes.warning, lagBytes.critical, slot.warning,
                slot.critical, disk.warning, disk.critical, filestore.warning, filestore.critical);
    }

    private record Pair<T>(T warning, T critical) {
    }

    private interface Order<T> {
        int compare(T a, T b);
    }

    /**
     * {@code <stem>_warning} and {@code <stem>_critical}. With {@code lowIsBad} (free disk) the warning must be the
     * larger value, otherwise the smaller one; equal values are allowed (straight to critical).
     */
    private static <T> Pair<T> pair(YamlSection section, String stem, String expected, Function<String, T> parser,
                                    T defaultWarning, T defaultCritical, Order<T> order, Function<T, String> format,
                                    boolean lowIsBad) {
        Optional<YamlValue> w = section.find(stem + "_warning");
        Optional<YamlValue> c = section.find(stem + "_critical");
        T warning = w.map(v -> v.parse(expected, parser)).orElse(defaultWarning);
        T critical = c.map(v -> v.parse(expected, parser)).orElse(defaultCritical);
        int cmp = order.compare(warning, critical);
        if (lowIsBad ? cmp < 0 : cmp > 0) {
            YamlValue at = c.or(() -> w).orElseThrow();
            String key = "health." + stem;
            throw at.fail(key + "_warning (" + format.apply(warning) + ") is " + (lowIsBad ? "below " : "above ")
                            + key + "_critical (" + format.apply(critical) + "): the warning would never show",
                    lowIsBad ? "the warning threshold of free space must be the larger one, e.g. 10% and 5%"
                            : "the warning threshold must be the smaller one, e.g. " + stem + "_warning below "
                            + stem + "_critical");
        }
        return new Pair<>(warning, critical);
    }
}
