package odoodr.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * libpq connection strings ({@code keyword=value ...}), as {@code conninfo_parse} in libpq 15 reads them and
 * {@code appendConnStrVal} (fe_utils) writes them: a value is bare if it is only {@code [A-Za-z0-9_.]}, otherwise in
 * single quotes with {@code \} escaping {@code '} and {@code \}. Outside quotes a backslash also escapes the next
 * character and whitespace ends the value. Keywords are case-sensitive.
 */
public final class ConnInfo {
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.]+");
    private static final Pattern PASSWORD_ASSIGNMENT = Pattern.compile("(?i)password\\s*=");

    private ConnInfo() {
    }

    /** One value, quoted if needed, so that libpq reads back exactly {@code value}. */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a connection string value cannot contain NUL");
        }
        if (BARE.matcher(value).matches()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('\'').toString();
    }

    /**
     * The keyword/value pairs of a {@code keyword=value} connection string, in order (a repeated keyword keeps its
     * last value, as in libpq). Keywords are not checked against libpq's list.
     *
     * @throws IllegalArgumentException on a syntax error libpq would also reject (missing {@code =}, unterminated
     *                                  quote), or for a URI ({@code postgresql://...})
     */
    public static Map<String, String> parse(String conninfo) {
        if (isUri(conninfo)) {
            throw new IllegalArgumentException("URI connection strings are not supported here");
        }
        Map<String, String> result = new LinkedHashMap<>();
        int pos = 0;
        int n = conninfo.length();
        while (true) {
            while (pos < n && isSpace(conninfo.charAt(pos))) {
                pos++;
            }
            if (pos >= n) {
                break;
            }
            int keyStart = pos;
            while (pos < n && conninfo.charAt(pos) != '=' && !isSpace(conninfo.charAt(pos))) {
                pos++;
            }
            String keyword = conninfo.substring(keyStart, pos);
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("missing keyword before \"=\" in connection info string");
            }
            while (pos < n && isSpace(conninfo.charAt(pos))) {
                pos++;
            }
            if (pos >= n || conninfo.charAt(pos) != '=') {
                throw new IllegalArgumentException("missing \"=\" after \"" + keyword + "\" in connection info string");
            }
            pos++;
            while (pos < n && isSpace(conninfo.charAt(pos))) {
                pos++;
            }
            StringBuilder value = new StringBuilder();
            if (pos < n && conninfo.charAt(pos) == '\'') {
                pos++;
                boolean closed = false;
                while (pos < n) {
                    char c = conninfo.charAt(pos++);
                    if (c == '\\') {
                        if (pos < n) {
                            value.append(conninfo.charAt(pos++));
                        }
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted string in connection info string");
                }
            } else {
                while (pos < n && !isSpace(conninfo.charAt(pos))) {
                    char c = conninfo.charAt(pos++);
                    if (c == '\\') {
                        if (pos < n) {
                            value.append(conninfo.charAt(pos++));
                        }
                    } else {
                        value.append(c);
                    }
                }
            }
            result.put(keyword, value.toString());
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * True if this connection string carries a password: a {@code password} keyword (in any case, to be safe), a
     * {@code user:password@} part or {@code password} parameter in a URI, or, if the string does not even parse,
     * anything that looks like {@code password=}. Used to check that no password sits in a file PostgreSQL leaves
     * readable by backups and {@code pg_basebackup} copies (runbook gotcha 10).
     */
    public static boolean containsPassword(String conninfo) {
        if (isUri(conninfo)) {
            return uriContainsPassword(conninfo);
        }
        try {
            for (String keyword : parse(conninfo).keySet()) {
                if (keyword.toLowerCase(Locale.ROOT).equals("password")) {
                    return true;
                }
            }
            return false;
        } catch (IllegalArgumentException unparseable) {
            return PASSWORD_ASSIGNMENT.matcher(conninfo).find();
        }
    }

    /** C's isspace() in the C locale, which libpq uses: not Java's wider notion of whitespace. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static boolean isUri(String conninfo) {
        String start = conninfo.stripLeading();
        return start.startsWith("postgresql://") || start.startsWith("postgres://");
    }

    private static boolean uriContainsPassword(String uri) {
        String rest = uri.stripLeading();
        rest = rest.substring(rest.indexOf("://") + 3);
        int query = rest.indexOf('?');
        String authorityAndPath = query < 0 ? rest : rest.substring(0, query);
        int slash = authorityAndPath.indexOf('/');
        String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
        int at = authority.lastIndexOf('@');
        if (at >= 0 && authority.substring(0, at).indexOf(':') >= 0) {
            return true;
        }
        if (query >= 0) {
            for (String parameter : rest.substring(query + 1).split("&")) {
                int eq = parameter.indexOf('=');
                String keyword = percentDecode(eq < 0 ? parameter : parameter.substring(0, eq));
                if (keyword.toLowerCase(Locale.ROOT).equals("password")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
