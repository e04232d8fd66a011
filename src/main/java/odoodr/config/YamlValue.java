package odoodr.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import odoodr.DrException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeType;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One value from the YAML tree with its key path and line, read as a typed value. Every failure is a
 * {@link DrException} naming the key, the file and line, what was expected and what was found.
 */
final class YamlValue {
    /** Scalar tags whose text we accept where text is expected ({@code port: 22} is an int, {@code name: 123} too). */
    private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL);

    private final String key;
    private final Node node;
    private final String file;
    private final int line;

    YamlValue(String key, Node node, String file, int line) {
        this.key = key;
        this.node = node;
        this.file = file;
        this.line = line;
    }

    String key() {
        return key;
    }

    int line() {
        return line;
    }

    /** The scalar's text; a list, a mapping or a custom tag where text is expected is an error. */
    String text(String expected) {
        if (node instanceof ScalarNode scalar && TEXT_TAGS.contains(scalar.getTag())) {
            return scalar.getValue();
        }
        throw wrongType(expected);
    }

    /** Text checked and normalised by {@code rule} (one of {@link SafeValueRules}, a parser...). */
    <T> T parse(String expected, Function<String, T> rule) {
        String text = text(expected);
        try {
            return rule.apply(text);
        } catch (InvalidValueException e) {
            throw fail(e.getMessage(), e.hint());
        }
    }

    int port() {
        return parse("a port number (1-65535)", PortValue::parse);
    }

    boolean bool() {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return scalar.getValue().toLowerCase(Locale.ROOT).equals("true");
        }
        String hint = "write true or false (YAML 1.2: yes/no/on/off are text, not booleans)";
        if (node instanceof ScalarNode scalar) {
            throw fail("expected true or false, found `" + ValueDisplay.quote(scalar.getValue()) + "`", hint);
        }
        throw fail("expected true or false, found " + found(), hint);
    }

    /** The items of a list, each with its own key ({@code databases[0]}) and line. */
    List<YamlValue> items(String example) {
        if (!(node instanceof SequenceNode sequence)) {
            throw fail("expected a list, found " + found(), "write a list, e.g. " + example);
        }
        List<YamlValue> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(new YamlValue(key + "[" + items.size() + "]", item, file, lineOf(item, line)));
        }
        return items;
    }

    DrException wrongType(String expected) {
        boolean customTag = !node.getTag().getValue().startsWith(Tag.PREFIX);
        return fail("expected " + expected + ", found " + found(),
                "set " + key + " to " + expected + (customTag ? ", without a YAML tag" : ""));
    }

    DrException fail(String problem, String hint) {
        return new ConfigProblem(key, file, line, key + ": " + problem, hint).toException();
    }

    String found() {
        return describe(node);
    }

    static String describe(Node node) {
        if (node.getNodeType() == NodeType.MAPPING) {
            return "a mapping (key: value lines)";
        }
        if (node.getNodeType() == NodeType.SEQUENCE) {
            return "a list";
        }
        if (node instanceof ScalarNode scalar) {
            if (scalar.getTag().equals(Tag.NULL)) {
                return "an empty value";
            }
            String shown = "`" + ValueDisplay.quote(scalar.getValue()) + "`";
            return TEXT_TAGS.contains(scalar.getTag()) ? shown : shown + " tagged " + scalar.getTag().getValue();
        }
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /** 1-based line of the node, or {@code fallback} when the parser gave no position. */
    static int lineOf(Node node, int fallback) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(fallback);
    }
}
