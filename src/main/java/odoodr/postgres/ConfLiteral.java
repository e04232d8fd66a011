package odoodr.postgres;

/** String literals of PostgreSQL's configuration files, written and read as the server does. */
public final class ConfLiteral {
    private ConfLiteral() {
    }

    /**
     * A value as a configuration-file string literal, the way {@code ALTER SYSTEM} writes it
     * ({@code escape_single_quotes_ascii}): single quotes around, {@code '} and {@code \} doubled.
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append(c);
            }
            out.append(c);
        }
        return out.append('\'').toString();
    }

    /** The inverse of quoting: the server's {@code DeescapeQuotedString} applied to {@code 'literal'}. */
    public static String unquote(String literal) {
        String s = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                        int octal = 0;
                        int k = 0;
                        while (k < 3 && i + k < s.length() && s.charAt(i + k) >= '0' && s.charAt(i + k) <= '7') {
                            octal = (octal << 3) + (s.charAt(i + k) - '0');
                            k++;
                        }
                        i += k - 1;
                        out.append((char) (octal & 0xFF));
                    }
                    default -> out.append(e);
                }
            } else if (c == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                out.append('\'');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
