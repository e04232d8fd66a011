package odoodr.postgres;

import java.util.List;
import java.util.Objects;

import odoodr.process.Redactor;

/**
 * One line of a libpq password file: {@code hostname:port:database:username:password}.
 *
 * <p>In the four key fields the value {@value #ANY} is libpq's wildcard (the whole field {@code *}, nothing else).
 * {@link #toLine()} escapes {@code :} and {@code \} with a backslash, as libpq's reader expects. The password never
 * appears in {@link #toString()}.
 *
 * @param host     host name or address as the client names it (libpq compares text, it does not resolve), or
 *                 {@value #ANY}
 * @param port     port number as text, or {@value #ANY}
 * @param database database name, {@code replication} for physical replication connections, or {@value #ANY}
 * @param user     role name, or {@value #ANY}
 * @param password the password
 *
 * <p>Empty fields are representable because libpq files may hold them ({@code h:p:d:u:} answers with an empty
 * password); {@link PgPassFile#ensureEntries} refuses to write them.
 */
public record PgPassEntry(String host, String port, String database, String user, String password) {
    /** libpq's wildcard for a key field. */
    public static final String ANY = "*";
    /** The database name libpq looks up for a physical replication connection. */
    public static final String REPLICATION_DATABASE = "replication";

    public PgPassEntry {
        requireField("host", host);
        requireField("port", port);
        requireField("database", database);
        requireField("user", user);
        requireField("password", password);
    }

    private static void requireField(String name, String value) {
        Objects.requireNonNull(value, name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                // the first two would split the line, NUL would end libpq's C string early
                throw new IllegalArgumentException("pgpass " + name + " must not contain a line break or NUL");
            }
        }
    }

    public PgPassEntry(String host, int port, String database, String user, String password) {
        this(host, Integer.toString(port), database, user, password);
    }

    /**
     * The two lines a replication user needs (runbook gotcha 4): libpq looks up {@code dbname=replication} for a
     * physical replication connection ({@code replication=true}, as the standby's walreceiver and
     * {@code pg_basebackup} use), but {@code replication=database} connections and ordinary tools (psql for the
     * checks) look up the real database name, which the {@code *} line covers. The specific line comes first, as
     * libpq takes the first match.
     */
    public static List<PgPassEntry> replicationPair(String host, int port, String user, String password) {
        return List.of(
                new PgPassEntry(host, port, REPLICATION_DATABASE, user, password),
                new PgPassEntry(host, port, ANY, user, password));
    }

    /** The key fields, without the password. */
    public Key key() {
        return new Key(host, port, database, user);
    }

    /** True if this line would answer libpq's lookup for these connection parameters. */
    public boolean matches(String host, String port, String database, String user) {
        return fieldMatches(this.host, host) && fieldMatches(this.port, port)
                && fieldMatches(this.database, database) && fieldMatches(this.user, user);
    }

    private static boolean fieldMatches(String pattern, String value) {
        return ANY.equals(pattern) || pattern.equals(value);
    }

    /** The line as libpq reads it (without line terminator): key fields and password escaped, wildcards kept. */
    public String toLine() {
        return escapeKey(host) + ':' + escapeKey(port) + ':' + escapeKey(database) + ':' + escapeKey(user) + ':'
                + escape(password);
    }

    private static String escapeKey(String field) {
        return ANY.equals(field) ? ANY : escape(field);
    }

    static String escape(String field) {
        StringBuilder out = new StringBuilder(field.length() + 4);
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ':' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PgPassEntry[" + key().toLine() + ':' + Redactor.MASK + ']';
    }

    /**
     * What identifies a line: host, port, database and user exactly as written ({@value #ANY} is a field value like
     * any other here, so a wildcard line is a different key from a specific one).
     */
    public record Key(String host, String port, String database, String user) {
        public Key {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(user, "user");
        }

        /**
         * True if some connection could be answered by both a line with this key and one with {@code other}'s:
         * in every field, one of them is a wildcard or both are equal.
         */
        public boolean overlaps(Key other) {
            return overlap(host, other.host) && overlap(port, other.port)
                    && overlap(database, other.database) && overlap(user, other.user);
        }

        private static boolean overlap(String a, String b) {
            return ANY.equals(a) || ANY.equals(b) || a.equals(b);
        }

        String toLine() {
            return escapeKey(host) + ':' + escapeKey(port) + ':' + escapeKey(database) + ':' + escapeKey(user);
        }

        @Override
        public String toString() {
            return toLine();
        }
    }
}
