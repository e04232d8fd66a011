package odoodr.postgres;

import odoodr.config.PostgresConfig;
import odoodr.config.Secret;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A short-lived, read-only JDBC connection for one round of checks. Timeouts are short on purpose: a silently cut
 * link must make a check fail within seconds, not hang {@code status} (or the agent's loop) for minutes.
 */
public final class MonitorConnection {
    static final int CONNECT_SECONDS = 5;
    static final int QUERY_SECONDS = 10;

    private MonitorConnection() {
    }

    public static Connection open(int port, String user, Secret password, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password.reveal());
        p.setProperty("ApplicationName", "odoo-dr status");
        // in the startup packet (not a SET afterwards): prod's log and pg_stat_activity name us from the start
        p.setProperty("assumeMinServerVersion", Integer.toString(PostgresConfig.OLDEST_MAJOR));
        p.setProperty("connectTimeout", Integer.toString(CONNECT_SECONDS));
        p.setProperty("loginTimeout", Integer.toString(CONNECT_SECONDS));
        p.setProperty("socketTimeout", Integer.toString(QUERY_SECONDS));
        p.setProperty("sslmode", "disable"); // loopback, or the tunnel, which already encrypts
        p.setProperty("readOnly", "true");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    /** What to do about a failed connection or query, by SQLSTATE; null when there is nothing specific to say. */
    public static String hint(SQLException e, String role) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "28P01" -> "the password of " + role + " in ~postgres/.pgpass is not the one the server knows:"
                    + " run odoo-dr setup --only database";
            case "28000" -> "the server's pg_hba.conf refuses " + role + " for database postgres: daily checks need"
                    + " a host line for it (besides the replication line)";
            case "42501" -> role + " lacks pg_monitor: run odoo-dr setup --only database";
            case "08001", "08006", "08004" -> "nothing answers, or the connection broke: see the rows above";
            default -> null;
        };
    }
}
