package odoodr.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The rules for config values that reach a command line, a remote shell, a file path or an SQL name: host, users,
 * paths, names. Each rule either returns the value (normalised) or throws {@link InvalidValueException} saying what
 * is allowed.
 *
 * <p>Why so strict: odoo-dr passes argv, never a shell string, but ssh joins its remote command into one string for
 * prod's shell, rsync interprets paths on both ends, and a value with a leading {@code -} is read as an option (an
 * ssh host {@code -oProxyCommand=...} runs a command). A conservative alphabet removes these whole classes of bug
 * instead of relying on every caller quoting right.
 */
public final class SafeValueRules {
    /** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by the server. */
    public static final int MAX_PG_NAME_BYTES = 63;

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern SSH_USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern PG_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern REPLICA_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern CONTAINER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}");
    private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9/._+@:-]+");

    static final String PATH_RULE = "an absolute path (starting with /) made of letters, digits and / . _ - + @ : only;"
            + " no spaces, quotes, $, `, ;, |, &, *, ~ (not expanded), and no .. segments";

    private SafeValueRules() {
    }

    /** ssh destination: a host name (or ~/.ssh/config alias), an IPv4 address or an IPv6 literal (brackets optional). */
    public static String host(String text) {
        rejectControlCharacters(text);
        String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        String hint = "write a name like prod.example.com, an IPv4 address like 203.0.113.7 or an IPv6 address like"
                + " 2001:db8::7: letters, digits, - _ . and : only, no spaces, and no leading - (ssh would read it as"
                + " an option)";
        if (host.isEmpty()) {
            throw new InvalidValueException("the host is empty", hint);
        }
        if (host.startsWith("-")) {
            throw new InvalidValueException("`" + ValueDisplay.quote(text)
                    + "` starts with -, which ssh would read as an option", hint);
        }
        if (host.contains(":")) {
            if (!isIpv6(host)) {
                throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not a valid IPv6 address", hint);
            }
            return host;
        }
        if (IPV4_LIKE.matcher(host).matches()) {
            if (!isIpv4(host)) {
                throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not a valid IPv4 address", hint);
            }
            return host;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        boolean valid = name.length() <= 253 && !name.isEmpty();
        for (String label : name.split("\\.", -1)) {
            valid &= HOST_LABEL.matcher(label).matches();
        }
        if (!valid) {
            throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not a host name or address", hint);
        }
        return host;
    }

    /** A Unix login name on prod (ssh user@host). */
    public static String sshUser(String text) {
        return match(text, SSH_USER, "a user name",
                "lower-case letters, digits, _ . and -, starting with a letter or _, at most 32 characters (e.g. ubuntu)");
    }

    /** An existing PostgreSQL role on prod (psql -U, pgpass lines, conninfo). */
    public static String roleName(String text) {
        String role = match(text, ROLE_NAME, "a PostgreSQL role name",
                "letters, digits, _ . and -, starting with a letter or _ (e.g. odoo or postgres)");
        return requireNameLength(role);
    }

    /** A PostgreSQL identifier we create ourselves: usable unquoted everywhere. */
    public static String identifier(String text) {
        String name = match(text, PG_IDENTIFIER, "a PostgreSQL identifier",
                "lower-case letters, digits and _, starting with a letter or _ (e.g. replicator)");
        return requireNameLength(name);
    }

    /** An Odoo database name; it becomes a directory under the filestore and an SQL name. */
    public static String databaseName(String text) {
        String name = match(text, DATABASE_NAME, "an Odoo database name",
                "letters, digits, _ . and -, starting with a letter or digit, as Odoo itself allows; no / or spaces");
        return requireNameLength(name);
    }

    /** This replica's name: goes into the slot name, application_name, key comments and unit names. */
    public static String replicaName(String text) {
        return match(text, REPLICA_NAME, "a replica name",
                "letters, digits, - and _ only, starting with a letter or digit (e.g. the short host name, prd-vnic)");
    }

    /** A docker container name or id on prod. */
    public static String containerName(String text) {
        return match(text, CONTAINER_NAME, "a docker container name",
                "letters, digits, _ . and -, starting with a letter or digit, as docker allows (e.g. odoo)");
    }

    /** A Debian PostgreSQL cluster name (pg_createcluster, /etc/postgresql/major/cluster, postgresql@major-cluster). */
    public static String clusterName(String text) {
        return match(text, CLUSTER_NAME, "a PostgreSQL cluster name",
                "letters, digits, _ . and -, at most 63 characters (Debian's default is main)");
    }

    /** SHA256 host key fingerprint as ssh-keygen -l prints it: {@code SHA256:} and 43 unpadded base64 characters. */
    public static String hostKeyFingerprint(String text) {
        if (!text.matches("SHA256:[A-Za-z0-9+/]{43}")) {
            throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not a SHA256 host key fingerprint",
                    "write it as ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub prints it on prod, e.g."
                            + " SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s (MD5 fingerprints are not accepted)");
        }
        return text;
    }

    /** An absolute path without anything a shell, rsync or ssh would interpret; trailing and double / removed. */
    public static Path absolutePath(String text) {
        try {
            rejectControlCharacters(text);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(e.getMessage(), PATH_RULE);
        }
        if (!text.startsWith("/")) {
            String why = text.startsWith("~")
                    ? "~ is not expanded here; write the home directory out"
                    : "it must start with /";
            throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not an absolute path: " + why,
                    PATH_RULE);
        }
        if (!PATH_CHARS.matcher(text).matches()) {
            throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not allowed as a path: it "
                    + describeMismatch(text, PATH_CHARS), PATH_RULE);
        }
        for (String segment : text.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` contains a .. segment", PATH_RULE);
            }
        }
        return Path.of(text).normalize();
    }

    /** Control characters (newline, NUL, escape, bidi overrides...) are never legitimate in a config value. */
    public static void rejectControlCharacters(String text) {
        text.codePoints().filter(SafeValueRules::isControl).findFirst().ifPresent(cp -> {
            throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` contains a control character ("
                    + ValueDisplay.quote(new String(Character.toChars(cp))) + ")",
                    "remove it: newlines, NUL, tabs and other control characters are never allowed in a value");
        });
    }

    private static boolean isControl(int cp) {
        return Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                || cp == '\u2028' || cp == '\u2029';
    }

    private static String match(String text, Pattern pattern, String what, String allowed) {
        rejectControlCharacters(text);
        if (text.isEmpty()) {
            throw new InvalidValueException(what + " cannot be empty", "allowed: " + allowed);
        }
        if (!pattern.matcher(text).matches()) {
            String problem = text.startsWith("-")
                    ? "starts with -, which a command would read as an option"
                    : describeMismatch(text, pattern);
            throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not " + what + ": it " + problem,
                    "allowed: " + allowed);
        }
        return text;
    }

    private static String requireNameLength(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PG_NAME_BYTES) {
            throw new InvalidValueException("`" + name + "` is " + bytes + " bytes long; PostgreSQL names are at most "
                    + MAX_PG_NAME_BYTES + " bytes (NAMEDATALEN-1) and longer ones are silently truncated",
                    "use a shorter name");
        }
        return name;
    }

    /** Says why {@code text} does not match a "[head][tail]*"-shaped pattern: "starts with `1`", "contains a space". */
    private static String describeMismatch(String text, Pattern pattern) {
        String p = pattern.pattern();
        String head = p.substring(0, p.indexOf(']') + 1);
        int tailOpen = p.lastIndexOf('[');
        String tail = p.substring(tailOpen, p.indexOf(']', tailOpen) + 1);
        int[] cps = text.codePoints().toArray();
        if (cps.length > 0 && !Pattern.matches(head, new String(Character.toChars(cps[0])))) {
            return "starts with " + show(cps[0]);
        }
        for (int cp : cps) {
            if (!Pattern.matches(tail, new String(Character.toChars(cp)))) {
                return "contains " + show(cp);
            }
        }
        return "is too long";
    }

    private static String show(int cp) {
        return cp == ' ' ? "a space" : "`" + ValueDisplay.quote(new String(Character.toChars(cp))) + "`";
    }

    private static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Textual IPv6 (RFC 4291 §2.2) without a zone; parsed here so that no name lookup can happen. */
    static boolean isIpv6(String text) {
        String body = text;
        int groupsFromV4 = 0;
        int lastColon = body.lastIndexOf(':');
        if (body.indexOf('.') >= 0) {
            if (!isIpv4(body.substring(lastColon + 1))) {
                return false;
            }
            body = body.substring(0, lastColon + 1) + "0";  // stand-in group; the v4 tail counts as two groups
            groupsFromV4 = 1;
        }
        int doubleColon = body.indexOf("::");
        if (doubleColon >= 0 && body.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] halves = doubleColon >= 0
                ? new String[] {body.substring(0, doubleColon), body.substring(doubleColon + 2)}
                : new String[] {body};
        int groups = groupsFromV4;
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String group : half.split(":", -1)) {
                if (!HEX_GROUP.matcher(group).matches()) {
                    return false;
                }
                groups++;
            }
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }
}
