package odoodr.postgres;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * SQL quoting for the few statements that cannot take bind parameters.
 *
 * <p>Utility statements ({@code CREATE ROLE}, {@code ALTER ROLE}, {@code DROP ROLE}...) are not planned, so the
 * extended protocol cannot bind parameters into them; a {@code DO} block cannot receive parameters either. Everything
 * else odoo-dr sends goes through prepared statements (e.g. {@code pg_create_physical_replication_slot(?)}). For
 * the rest, identifiers are always double-quoted and values written as literals here. Note that a role's password is
 * never one of those values: it goes out as a SCRAM verifier ({@link ScramVerifier}), because a plain password would
 * be visible in the server's statement log whatever the quoting (and, were it bound as a parameter through a
 * {@code set_config()} + {@code DO} detour, in the log's {@code parameters:} detail).
 */
public final class Identifiers {
    /** NAMEDATALEN - 1: PostgreSQL silently truncates longer identifiers (with only a NOTICE). */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private Identifiers() {
    }

    /**
     * {@code name} as a quoted identifier: {@code "name"} with inner double quotes doubled. Always quoted, so the
     * name is taken exactly as given (no case folding, keywords allowed).
     *
     * @throws IllegalArgumentException if empty, containing NUL, or longer than 63 bytes (it would be truncated and
     *                                  name something else than intended)
     */
    public static String quoteIdent(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("identifier must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier must not contain NUL");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new IllegalArgumentException("identifier longer than " + MAX_IDENTIFIER_BYTES + " bytes: " + name);
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * {@code value} as a string literal, like the server's {@code quote_literal()}: {@code 'value'} with single quotes
     * doubled; if it contains a backslash, the escape-string form {@code E'...'} with backslashes doubled too, which
     * reads the same whatever {@code standard_conforming_strings} is.
     *
     * @throws IllegalArgumentException if the value contains NUL (PostgreSQL text cannot hold it)
     */
    public static String quoteLiteral(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a SQL literal cannot contain NUL");
        }
        boolean backslash = value.indexOf('\\') >= 0;
        StringBuilder out = new StringBuilder(value.length() + 3);
        if (backslash) {
            out.append('E');
        }
        out.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || (backslash && c == '\\')) {
                out.append(c);
            }
            out.append(c);
        }
        return out.append('\'').toString();
    }
}
