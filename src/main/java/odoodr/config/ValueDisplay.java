package odoodr.config;

/**
 * Shows a value from the config file inside an error message: control characters escaped (a hostile newline must not
 * forge a second log line) and long values cut short.
 */
final class ValueDisplay {
    private static final int MAX_SHOWN = 80;

    private ValueDisplay() {
    }

    /** The value with control characters escaped, cut after 80 characters. */
    static String quote(String value) {
        String shown = escape(value.codePoints().limit(MAX_SHOWN)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        return value.codePointCount(0, value.length()) > MAX_SHOWN ? shown + "…" : shown;
    }

    /** The whole text with control characters escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0 -> out.append("\\0");
                default -> {
                    if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                            || cp == '\u2028' || cp == '\u2029') {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
