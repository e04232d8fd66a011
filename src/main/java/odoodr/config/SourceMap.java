package odoodr.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** Where each key was written: the file's name and the 1-based line of every key present in it. */
public final class SourceMap {
    private final String file;
    private final Map<String, Integer> lines;

    SourceMap(String file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    }

    /** For a config built in code: no file, no lines. */
    public static SourceMap none(String description) {
        return new SourceMap(description, Map.of());
    }

    public String file() {
        return file;
    }

    /** The line where {@code key} is written, if it is. */
    public OptionalInt lineOf(String key) {
        Integer line = lines.get(key);
        return line == null ? OptionalInt.empty() : OptionalInt.of(line);
    }

    /** The line of {@code key}, else of its nearest section that is written, else 0. */
    public int nearestLineOf(String key) {
        Integer exact = lines.get(key);
        if (exact != null) {
            return exact;
        }
        // databases[3] → databases → its section...
        for (String k = key.replaceFirst("\\[\\d+]$", ""); !k.isEmpty(); k = ConfigKeys.parentOf(k)) {
            Integer line = lines.get(k);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    /** A problem about {@code key}, located at its line (or its section's). */
    public ConfigProblem problem(String key, String message, String hint) {
        return new ConfigProblem(key, file, nearestLineOf(key), message, hint);
    }

    @Override
    public String toString() {
        return file;
    }
}
