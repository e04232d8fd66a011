package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.filestore.sync.StandbyAttachments;
import odoodr.postgres.Lsn;
import odoodr.postgres.PrimarySession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a local cluster's replay stands (the standby's, or a restored copy's once promoted: then it stays at the last
 * transaction recovery applied), read as the replication role; and the server's clock.
 */
public record StandbyPosition(Optional<Lsn> replayLsn, Optional<Instant> lastCommit, boolean inRecovery, Instant now) {
    private static final String QUERY = "SELECT pg_last_wal_replay_lsn()::text, pg_last_xact_replay_timestamp(),"
            + " pg_is_in_recovery(), now()";

    public static StandbyPosition of(Config config) {
        return read(config, config.postgres().port());
    }

    public static StandbyPosition read(Config config, int port) {
        try (PrimarySession s = StandbyAttachments.connect(config, port, "postgres")) {
            return read(s);
        }
    }

    static StandbyPosition read(PrimarySession s) {
        try (PreparedStatement st = s.connection().prepareStatement(QUERY); ResultSet rs = st.executeQuery()) {
            rs.next();
            Timestamp last = rs.getTimestamp(2);
            return new StandbyPosition(Lsn.fromNullable(rs.getString(1)),
                    Optional.ofNullable(last).map(Timestamp::toInstant), rs.getBoolean(3),
                    rs.getTimestamp(4).toInstant());
        } catch (SQLException e) {
            throw new DrException(ExitCode.DATABASE, s.describe() + ": " + e.getMessage(),
                    "is the standby running? odoo-dr status shows it", e);
        }
    }
}
