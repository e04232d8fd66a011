package odoodr.prod;

import odoodr.config.ConfigKeys;
import odoodr.config.InvalidValueException;
import odoodr.config.PostgresConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What {@link Discovery} and its halves have learned so far: values found, keys not found and why, warnings. */
final class DiscoveryNotes {
    final Map<String, Discovery.Found> found = new LinkedHashMap<>();
    final Map<String, String> missing = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();

    /** Records a value that passes the config's own rule for its key; one that does not is explained instead. */
    boolean found(String key, String value, Function<String, ?> rule, String source) {
        try {
            rule.apply(value);
            found.put(key, new Discovery.Found(value, source));
            return true;
        } catch (InvalidValueException e) {
            missing.put(key, source + " gives a value the config refuses: " + e.getMessage());
            return false;
        }
    }

    void major(String text, String source) {
        try {
            int major = Integer.parseInt(text.strip());
            if (major >= PostgresConfig.OLDEST_MAJOR) {
                found.put(ConfigKeys.POSTGRES_MAJOR, new Discovery.Found(String.valueOf(major), source));
            } else {
                warnings.add("prod runs PostgreSQL " + major + " (" + source + "): odoo-dr needs "
                        + PostgresConfig.OLDEST_MAJOR + " or newer");
                missing.put(ConfigKeys.POSTGRES_MAJOR, "prod's PostgreSQL " + major + " is too old");
            }
        } catch (NumberFormatException e) {
            missing.put(ConfigKeys.POSTGRES_MAJOR, source + " is not a major version number");
        }
    }

    static Optional<String> lastLine(String text) {
        return text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b);
    }
}
