package odoodr.prod;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only, type-tolerant view of one JSON object as snakeyaml-engine loads it ({@code Map}/{@code List}/scalars).
 * Docker adds, renames and nulls fields across versions, so a missing or differently typed field reads as absent
 * instead of failing: only the structure {@link DockerInspect} insists on is checked there.
 */
final class JsonFields {
    private static final JsonFields EMPTY = new JsonFields(Map.of());

    private final Map<?, ?> map;

    private JsonFields(Map<?, ?> map) {
        this.map = map;
    }

    static JsonFields of(Object value) {
        return value instanceof Map<?, ?> m ? new JsonFields(m) : EMPTY;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    Object raw(String key) {
        return map.get(key);
    }

    JsonFields object(String key) {
        return of(map.get(key));
    }

    /** The object's own entries, e.g. {@code NetworkSettings.Ports} keyed by "5432/tcp"; empty when not an object. */
    Map<?, ?> entries(String key) {
        return map.get(key) instanceof Map<?, ?> m ? m : Map.of();
    }

    List<?> list(String key) {
        return map.get(key) instanceof List<?> l ? l : List.of();
    }

    /** A string field; numbers and booleans are rendered as text, anything else (null, object) as "". */
    String text(String key) {
        Object v = map.get(key);
        if (v instanceof String s) {
            return s;
        }
        return v instanceof Number || v instanceof Boolean ? v.toString() : "";
    }

    Optional<String> optionalText(String key) {
        String s = text(key);
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    boolean flag(String key, boolean absent) {
        return map.get(key) instanceof Boolean b ? b : absent;
    }

    int number(String key, int absent) {
        Object v = map.get(key);
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                return absent;
            }
        }
        return absent;
    }
}
