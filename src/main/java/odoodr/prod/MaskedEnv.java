package odoodr.prod;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A container's environment ({@code Config.Env}) as an unmodifiable map whose {@code toString} shows the names only:
 * Odoo and PostgreSQL containers carry {@code PASSWORD=...} and {@code POSTGRES_PASSWORD=...}, and a map that ends up
 * in a log line or an exception message must not print them.
 */
final class MaskedEnv extends AbstractMap<String, String> {
    private final Map<String, String> values;

    private MaskedEnv(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Parses Docker's {@code ["NAME=value", ...]}. A later duplicate wins, as it does for the process; an entry
     * without '=' (never produced by Docker, tolerated) has the empty value; entries that are not strings are skipped.
     */
    static MaskedEnv parse(List<?> entries) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Object entry : entries) {
            if (!(entry instanceof String s) || s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            String name = eq < 0 ? s : s.substring(0, eq);
            String value = eq < 0 ? "" : s.substring(eq + 1);
            if (!name.isEmpty()) {
                values.remove(name);
                values.put(name, value);
            }
        }
        return new MaskedEnv(values);
    }

    static MaskedEnv copyOf(Map<String, String> env) {
        return env instanceof MaskedEnv masked ? masked : new MaskedEnv(new LinkedHashMap<>(env));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return values.entrySet();
    }

    @Override
    public String get(Object key) {
        return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        return values.keySet().stream().map(name -> name + "=<masked>").collect(Collectors.joining(", ", "{", "}"));
    }
}
