package odoodr.postgres;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.Secret;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A replication-protocol connection as the replication role through the permanent tunnel: {@code IDENTIFY_SYSTEM}
 * succeeds only if prod's pg_hba.conf admits replication connections from where the tunnel arrives (runbook A3.2).
 */
public final class ReplicationConnection {
    public record SystemIdentity(String systemId, int timeline, String walPosition) {
    }

    private ReplicationConnection() {
    }

    public static SystemIdentity identifySystem(Config config) {
        Secret password = ReplicationCredentials.find(config).orElseThrow(() -> new DrException(ExitCode.DATABASE,
                "no password for " + config.postgres().replicationUser() + " in " + ReplicationCredentials.pgpassPath(),
                "run odoo-dr setup (step replication-role) first"));
        Properties p = new Properties();
        p.setProperty("user", config.postgres().replicationUser());
        p.setProperty("password", password.reveal());
        // replication=true: a physical replication connection, the kind the standby's WAL receiver and
        // pg_basebackup make. pg_hba's "replication" keyword matches only these; replication=database would be
        // matched against ordinary database lines and could pass where streaming is refused.
        p.setProperty("replication", "true");
        p.setProperty("assumeMinServerVersion", "9.4");
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("ApplicationName", "odoo-dr");
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "15");
        String url = "jdbc:postgresql://127.0.0.1:" + config.replica().tunnelPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, p); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("IDENTIFY_SYSTEM")) {
            rs.next();
            return new SystemIdentity(rs.getString("systemid"), rs.getInt("timeline"), rs.getString("xlogpos"));
        } catch (SQLException e) {
            throw new DrException(ExitCode.DATABASE, "replication connection as " + config.postgres().replicationUser()
                    + " refused: " + e.getMessage(), null, e);
        }
    }

    /** True when prod refused because of pg_hba.conf (SQLSTATE 28000 with pg_hba in the message). */
    public static boolean isPgHbaRefusal(DrException e) {
        return e.getCause() instanceof SQLException s && "28000".equals(s.getSQLState())
                && String.valueOf(s.getMessage()).contains("pg_hba.conf");
    }
}
