package odoodr.postgres;

import org.postgresql.PGProperty;
import org.postgresql.plugin.AuthenticationPlugin;
import org.postgresql.plugin.AuthenticationRequestType;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.util.Properties;

/**
 * Answers pgjdbc's password requests for every {@link ConnectionProfile}: the password for SCRAM and MD5, and a
 * refusal for a cleartext-password request, which pgjdbc would otherwise answer with the password itself (it has no
 * {@code require_auth}). A server that asks for the password in clear is not one of ours to trust with it
 * (DESIGN.md §11), whatever the path to it.
 *
 * <p>pgjdbc makes one instance per request with the connection's properties ({@code authenticationPluginClassName},
 * through its ObjectFactory) and zeroes the array returned, hence a fresh copy each time.
 */
public final class NoCleartextPassword implements AuthenticationPlugin {
    static final String REFUSAL = "the server asked for the password in clear text (pg_hba.conf method password),"
            + " and odoo-dr never sends a password so";
    static final String HINT = "make prod's pg_hba.conf line for this role scram-sha-256 (or md5), with"
            + " password_encryption = scram-sha-256";

    private final String password;

    public NoCleartextPassword(Properties info) {
        this.password = PGProperty.PASSWORD.getOrDefault(info);
    }

    @Override
    public char[] getPassword(AuthenticationRequestType type) throws PSQLException {
        if (type == AuthenticationRequestType.CLEARTEXT_PASSWORD) {
            throw new PSQLException(REFUSAL, PSQLState.INVALID_AUTHORIZATION_SPECIFICATION);
        }
        return password == null ? null : password.toCharArray();
    }
}
