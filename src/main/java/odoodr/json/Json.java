package odoodr.json;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON writer (no dependency for twenty lines): maps (in their iteration order, so use LinkedHashMap for a
 * stable key order), lists, strings, numbers, booleans and null, pretty-printed with two spaces. Numbers that are
 * whole print without a fraction ({@code 3}, not {@code 3.0}); NaN and infinities are refused, JSON has none.
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Number n) {
            out.append(number(n));
        } else if (value instanceof Map<?, ?> map) {
            container(out, '{', '}', map.entrySet().iterator(), depth, (o, e) -> {
                quote(o, String.valueOf(((Map.Entry<?, ?>) e).getKey()));
                o.append(": ");
                write(o, ((Map.Entry<?, ?>) e).getValue(), depth + 1);
            });
        } else if (value instanceof List<?> list) {
            container(out, '[', ']', list.iterator(), depth, (o, item) -> write(o, item, depth + 1));
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private interface Element {
        void write(StringBuilder out, Object element);
    }

    private static void container(StringBuilder out, char open, char close, Iterator<?> items, int depth,
                                  Element element) {
        out.append(open);
        if (!items.hasNext()) {
            out.append(close);
            return;
        }
        String indent = "  ".repeat(depth + 1);
        while (items.hasNext()) {
            out.append('\n').append(indent);
            element.write(out, items.next());
            if (items.hasNext()) {
                out.append(',');
            }
        }
        out.append('\n').append("  ".repeat(depth)).append(close);
    }

    static String number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return n.toString();
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped; everything else as is (UTF-8). */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder();
        quote(out, s);
        return out.toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // U+2028/2029 are valid JSON but end lines in JavaScript: the status page embeds this JSON
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
