package odoodr.postgres;

import java.sql.SQLException;

import static odoodr.postgres.ConnectionProfile.DAILY_MONITOR;
import static odoodr.postgres.ConnectionProfile.LOCAL_STANDBY;
import static odoodr.postgres.ConnectionProfile.REPLICATION_PROTOCOL;
import static odoodr.postgres.ConnectionProfile.SETUP_SUPERUSER;

/**
 * What to do about a failed connection or statement, by SQLSTATE, for every profile: the advice differs only where
 * the profiles do (whose password it is and where it comes from, what "nothing answers" means, what the daily checks
 * need).
 */
public final class ConnectionHints {
    private ConnectionHints() {
    }

    /** The hint for {@code e} (connecting with {@code login}, or a statement after), or null when there is none. */
    public static String hint(Login login, SQLException e) {
        if (String.valueOf(e.getMessage()).startsWith(NoCleartextPassword.REFUSAL)) {
            return NoCleartextPassword.HINT;
        }
        return hint(login.profile(), login.user(), e.getSQLState() == null ? "" : e.getSQLState());
    }

    static String hint(ConnectionProfile profile, String role, String sqlState) {
        if (profile == REPLICATION_PROTOCOL) {
            // the step that makes this connection explains the one refusal it expects (pg_hba.conf) itself
            return null;
        }
        boolean monitor = profile == DAILY_MONITOR;
        return switch (sqlState) {
            case "28P01" -> profile == SETUP_SUPERUSER
                    ? "wrong password: check prod.superuser_password_file or ODOO_DR_PROD_PASSWORD"
                    : "the password of " + role + " in ~postgres/.pgpass is not the one the server knows:"
                    + " run odoo-dr setup --only database";
            case "28000" -> monitor
                    ? "the server's pg_hba.conf refuses " + role + " for database postgres: daily checks need"
                    + " a host line for it (besides the replication line)"
                    : "the server's pg_hba.conf refuses this role or address";
            case "3D000" -> monitor ? null : "that database does not exist on the server";
            case "42501" -> monitor ? role + " lacks pg_monitor: run odoo-dr setup --only database" : null;
            case "08001", "08006" -> monitor ? "nothing answers, or the connection broke: see the rows above"
                    : profile == LOCAL_STANDBY
                    ? "nothing answers on the standby's port: is its cluster running (pg_lsclusters) and postgres.port right?"
                    : "nothing answers on the tunnel: is prod's PostgreSQL running and prod.pg_port right?";
            case "08004" -> monitor ? "nothing answers, or the connection broke: see the rows above" : null;
            default -> null;
        };
    }
}
