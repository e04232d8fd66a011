package odoodr.postgres;

import odoodr.DrException;
import odoodr.ExitCode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The one place where odoo-dr makes a JDBC connection: a {@link Login} with the properties and timeouts of its
 * {@link ConnectionProfile}, and a refusal described the same way for every caller.
 */
public final class ConnectionFactory {
    private ConnectionFactory() {
    }

    /** A raw connection, for callers that turn every failure into a result of their own (the health checks). */
    public static Connection open(Login login) throws SQLException {
        return DriverManager.getConnection(login.url(), login.profile().properties(login));
    }

    /** A session with query helpers; a refused connection becomes a database error with the profile's hint. */
    public static PrimarySession session(Login login) {
        try {
            return new PrimarySession(open(login), login.describe());
        } catch (SQLException e) {
            throw failure(login, e);
        }
    }

    static DrException failure(Login login, SQLException e) {
        return new DrException(ExitCode.DATABASE, "PostgreSQL " + login.describe() + ": " + e.getMessage(),
                ConnectionHints.hint(login, e), e);
    }
}
