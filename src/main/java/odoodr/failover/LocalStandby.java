package odoodr.failover;

import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.ConnectionProfile;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.postgres.Lsn;
import odoodr.postgres.PrimarySession;
import odoodr.postgres.ReplicationCredentials;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * This replica's own cluster, reached over TCP as the replication role: its catalog is a copy of prod's, where there
 * may be no {@code postgres} role at all, and the role's password is in ~postgres/.pgpass since setup.
 */
final class LocalStandby {
    private static final String POSITION = "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
            + " pg_last_wal_receive_lsn()::text, pg_last_xact_replay_timestamp(), now(),"
            + " (SELECT status FROM pg_stat_wal_receiver), (SELECT last_msg_receipt_time FROM pg_stat_wal_receiver)";

    private LocalStandby() {
    }

    static PrimarySession connect(Config config) {
        Secret password = ReplicationCredentials.find(config).orElseThrow(() -> new DrException(ExitCode.DATABASE,
                "no password for " + config.postgres().replicationUser() + " in " + ReplicationCredentials.pgpassPath()
                        + " (decommissioned?)",
                "promote by hand if you must: pg_ctlcluster " + config.postgres().major() + " "
                        + config.postgres().cluster() + " promote"));
        return ConnectionFactory.session(
                ConnectionProfile.LOCAL_STANDBY.login(config, PgEndpoint.loopback(config.postgres().port()), password, "postgres"));
    }

    static ReplayPosition read(Config config) {
        try (PrimarySession s = connect(config)) {
            return read(s);
        }
    }

    static ReplayPosition read(PrimarySession s) {
        try (PreparedStatement st = s.connection().prepareStatement(POSITION); ResultSet rs = st.executeQuery()) {
            rs.next();
            return new ReplayPosition(rs.getBoolean(1),
                    Lsn.fromNullable(rs.getString(2)),
                    Lsn.fromNullable(rs.getString(3)),
                    Optional.ofNullable(rs.getObject(4, OffsetDateTime.class)),
                    Optional.ofNullable(rs.getString(6)),
                    Optional.ofNullable(rs.getObject(7, OffsetDateTime.class)),
                    rs.getObject(5, OffsetDateTime.class));
        } catch (SQLException e) {
            throw new DrException(ExitCode.DATABASE, s.describe() + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * True when the server takes writes: out of recovery and able to assign a transaction id (a standby refuses
     * with "cannot assign TransactionIds during recovery"). Assigns one xid; creates nothing.
     */
    static boolean acceptsWrites(PrimarySession s) {
        try (var st = s.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT pg_current_xact_id()")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }
}
