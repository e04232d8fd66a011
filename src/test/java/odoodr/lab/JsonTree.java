package odoodr.lab;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.List;
import java.util.Map;

/**
 * Test helper: a command's {@code --output json} (or a JSON file) parsed into maps and lists, so assertions are on
 * values, not on how the text is spaced. snakeyaml-engine reads it (JSON is YAML 1.2).
 */
public final class JsonTree {
    private final Object root;
    private final String text;

    private JsonTree(Object root, String text) {
        this.root = root;
        this.text = text;
    }

    public static JsonTree parse(String json) {
        return new JsonTree(new Load(LoadSettings.builder().build()).loadFromString(json), json);
    }

    /** The value at {@code path}: String keys into objects, int indexes into arrays; null for a JSON null. */
    public Object at(Object... path) {
        Object node = root;
        for (Object step : path) {
            if (step instanceof Integer i && node instanceof List<?> list && i < list.size()) {
                node = list.get(i);
            } else if (step instanceof String key && node instanceof Map<?, ?> map && map.containsKey(key)) {
                node = map.get(key);
            } else {
                throw new AssertionError("no " + java.util.Arrays.toString(path) + " in\n" + text);
            }
        }
        return node;
    }

    public String text(Object... path) {
        return (String) at(path);
    }

    public long number(Object... path) {
        return ((Number) at(path)).longValue();
    }

    /** The objects of the array at {@code path}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> objects(Object... path) {
        return (List<Map<String, Object>>) at(path);
    }

    /** The one object of the array at {@code arrayPath} whose {@code key} is {@code value}. */
    public Map<String, Object> find(String key, Object value, Object... arrayPath) {
        return objects(arrayPath).stream().filter(o -> java.util.Objects.equals(o.get(key), value)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + "=" + value + " in " + java.util.Arrays.toString(arrayPath)
                        + " of\n" + text));
    }

    @Override
    public String toString() {
        return text;
    }
}
