package odoodr.postgres;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A replication-protocol connection ({@link ConnectionProfile#REPLICATION_PROTOCOL}) as the replication role through
 * the permanent tunnel: {@code IDENTIFY_SYSTEM} succeeds only if prod's pg_hba.conf admits replication connections
 * from where the tunnel arrives (runbook A3.2).
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
        Login login = ConnectionProfile.REPLICATION_PROTOCOL.login(config, PgEndpoint.permanentTunnel(config), password,
                "postgres");
        try (Connection c = ConnectionFactory.open(login);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("IDENTIFY_SYSTEM")) {
            rs.next();
            return new SystemIdentity(rs.getString("systemid"), rs.getInt("timeline"), rs.getString("xlogpos"));
        } catch (SQLException e) {
            throw new DrException(ExitCode.DATABASE, "replication connection as " + login.user() + " refused: "
                    + e.getMessage(), ConnectionHints.hint(login, e), e);
        }
    }

    /** True when prod refused because of pg_hba.conf (SQLSTATE 28000 with pg_hba in the message). */
    public static boolean isPgHbaRefusal(DrException e) {
        return e.getCause() instanceof SQLException s && "28000".equals(s.getSQLState())
                && String.valueOf(s.getMessage()).contains("pg_hba.conf");
    }
}
