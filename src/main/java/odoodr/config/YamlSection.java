package odoodr.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import odoodr.DrException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of the config (the top level, {@code prod}, {@code prod.ssh}...), checked on construction: keys are
 * plain text, none twice, none unknown. Checking unknown keys first matters: a mistyped {@code hots:} should be
 * reported as a typo of {@code host}, not as "host is required".
 */
final class YamlSection {
    private final String path;
    private final String file;
    private final int line;
    private final boolean present;
    private final Map<String, NodeTuple> entries;
    private final Map<String, Integer> lines;

    private YamlSection(String path, String file, int line, boolean present, Map<String, NodeTuple> entries,
                        Map<String, Integer> lines) {
        this.path = path;
        this.file = file;
        this.line = line;
        this.present = present;
        this.entries = entries;
        this.lines = lines;
    }

    /** The top level; {@code lines} collects the line of every key read, for {@link SourceMap}. */
    static YamlSection root(MappingNode node, String file, Map<String, Integer> lines) {
        return of("", node, file, 1, lines);
    }

    /** Line of this section's key, else of the nearest written section above it, else 0. */
    int line() {
        return line;
    }

    /** The sub-section {@code name}; absent or empty means "all defaults". */
    YamlSection section(String name) {
        String key = ConfigKeys.join(path, name);
        NodeTuple entry = entries.get(name);
        if (entry == null) {
            // problems about its keys point at the nearest written section (never at line 1 for the top level)
            return new YamlSection(key, file, path.isEmpty() ? 0 : line, false, Map.of(), lines);
        }
        int keyLine = YamlValue.lineOf(entry.getKeyNode(), line);
        Node value = entry.getValueNode();
        if (YamlValue.isNull(value)) {
            return new YamlSection(key, file, keyLine, true, Map.of(), lines);
        }
        if (!(value instanceof MappingNode mapping)) {
            throw new YamlValue(key, value, file, YamlValue.lineOf(value, keyLine))
                    .fail("expected a section (indented key: value lines under `" + name + ":`), found "
                            + YamlValue.describe(value), "keys allowed in " + key + ": " + String.join(", ",
                            ConfigKeys.childrenOf(key)));
        }
        return of(key, mapping, file, keyLine, lines);
    }

    /** The value of {@code name}; absent and empty ({@code name:}) both mean "use the default". */
    Optional<YamlValue> find(String name) {
        NodeTuple entry = entries.get(name);
        if (entry == null || YamlValue.isNull(entry.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(valueOf(name, entry));
    }

    /** The value of a key that has no default. */
    YamlValue require(String name, String meaning, String example) {
        String key = ConfigKeys.join(path, name);
        NodeTuple entry = entries.get(name);
        if (entry == null || YamlValue.isNull(entry.getValueNode())) {
            int where = entry == null ? line : YamlValue.lineOf(entry.getKeyNode(), line);
            String missing = present ? "" : " (the file has no " + path + ": section)";
            throw new ConfigProblem(key, file, where, key + " is required: " + meaning + missing,
                    "set it, e.g. " + example).toException();
        }
        return valueOf(name, entry);
    }

    private YamlValue valueOf(String name, NodeTuple entry) {
        int keyLine = YamlValue.lineOf(entry.getKeyNode(), line);
        Node value = entry.getValueNode();
        // a value on the key's line reports that line; a block list below it reports its own first line
        return new YamlValue(ConfigKeys.join(path, name), value, file, YamlValue.lineOf(value, keyLine));
    }

    private static YamlSection of(String path, MappingNode node, String file, int line, Map<String, Integer> lines) {
        Set<String> allowed = ConfigKeys.childrenOf(path);
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int keyLine = YamlValue.lineOf(keyNode, line);
            String name = keyText(path, keyNode, file, keyLine);
            String key = ConfigKeys.join(path, name);
            if (!allowed.contains(name)) {
                throw unknownKey(path, name, file, keyLine, allowed);
            }
            NodeTuple first = entries.putIfAbsent(name, tuple);
            if (first != null) {
                int firstLine = YamlValue.lineOf(first.getKeyNode(), line);
                throw new ConfigProblem(key, file, keyLine, key + ": duplicate key (first set at line " + firstLine + ")",
                        "keep one of the two; YAML mappings take each key once").toException();
            }
            lines.put(key, keyLine);
        }
        return new YamlSection(path, file, line, true, entries, lines);
    }

    private static String keyText(String path, Node keyNode, String file, int keyLine) {
        if (keyNode instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return scalar.getValue();
        }
        String where = path.isEmpty() ? "the top level" : path;
        throw new ConfigProblem(path.isEmpty() ? "(top level)" : path, file, keyLine,
                where + ": a key must be a plain name, found " + YamlValue.describe(keyNode),
                "write name: value").toException();
    }

    private static DrException unknownKey(String path, String name, String file, int line, Set<String> allowed) {
        String key = ValueDisplay.quote(ConfigKeys.join(path, name));
        StringBuilder message = new StringBuilder(key).append(": unknown key");
        KeySuggestion.closest(name, allowed).ifPresent(s -> message.append("; did you mean `").append(s).append("`?"));
        String elsewhere = ConfigKeys.allKeys().stream()
                .filter(k -> k.equals(name) || k.endsWith("." + name))
                .collect(Collectors.joining(", "));
        if (!elsewhere.isEmpty()) {
            message.append(" (`").append(ValueDisplay.quote(name)).append("` exists as ").append(elsewhere).append(")");
        }
        String where = path.isEmpty() ? "at the top level" : "in " + path;
        return new ConfigProblem(key, file, line, message.toString(),
                "keys allowed " + where + ": " + String.join(", ", allowed)).toException();
    }
}
