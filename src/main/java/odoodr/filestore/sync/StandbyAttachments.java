package odoodr.filestore.sync;

import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.ConnectionProfile;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.postgres.PrimarySession;
import odoodr.postgres.ReplicationCredentials;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ir_attachment} of one database on the local standby ({@code 127.0.0.1:<postgres.port>}), read as the
 * replication role: it may read only the columns {@link AttachmentReadGrantStep} granted, which is all this class
 * asks for. The connection is opened on first use and opened again after it broke (a restarted standby).
 */
public final class StandbyAttachments implements AttachmentSource {
    /** The columns read, and the only ones the replication role is granted. */
    static final String COLUMNS = "id, store_fname, checksum, file_size, res_model, name, url";
    private static final String ROWS_AFTER = "SELECT " + COLUMNS + " FROM ir_attachment"
            + " WHERE id > ? AND store_fname IS NOT NULL AND type = 'binary' ORDER BY id LIMIT ?";

    private final Config config;
    private final String database;
    private final int port;
    private PrimarySession session;

    public StandbyAttachments(Config config, String database) {
        this(config, database, config.postgres().port());
    }

    /**
     * The rows of a local copy of the standby on {@code port} (a restored copy: the same catalog, so the same
     * replication role and grants).
     */
    public StandbyAttachments(Config config, String database, int port) {
        this.config = config;
        this.database = database;
        this.port = port;
    }

    /** Opens a session to the standby as the replication role, with the password setup stored in ~postgres/.pgpass. */
    public static PrimarySession connect(Config config, String database) {
        return connect(config, config.postgres().port(), database);
    }

    /** Like {@link #connect(Config, String)}, to a local cluster with the standby's catalog on {@code port}. */
    public static PrimarySession connect(Config config, int port, String database) {
        Secret password = ReplicationCredentials.find(config).orElseThrow(() -> new DrException(ExitCode.PRECONDITION,
                "no password of the replication role " + config.postgres().replicationUser() + " in "
                        + ReplicationCredentials.pgpassPath(), "run odoo-dr setup --only database first"));
        return ConnectionFactory.session(
                ConnectionProfile.LOCAL_STANDBY.login(config, PgEndpoint.loopback(port), password, database));
    }

    /**
     * The highest {@code ir_attachment.id} the standby has now, any row (what the seed marker records); one session,
     * closed again.
     */
    public static long highestId(Config config, String database) {
        try (StandbyAttachments standby = new StandbyAttachments(config, database)) {
            return standby.query("SELECT coalesce(max(id), 0) FROM ir_attachment", st -> {
            }, rs -> {
                rs.next();
                return rs.getLong(1);
            });
        }
    }

    @Override
    public synchronized List<AttachmentRow> rowsAfter(long afterId, int limit) {
        return query(ROWS_AFTER, st -> {
            st.setLong(1, afterId);
            st.setInt(2, limit);
        }, rs -> {
            List<AttachmentRow> rows = new ArrayList<>();
            while (rs.next()) {
                long size = rs.getLong(4);
                rows.add(new AttachmentRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : size,
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
            return rows;
        });
    }

    @Override
    public synchronized TxSnapshot snapshot() {
        return query("SELECT txid_snapshot_xmin(s), txid_snapshot_xmax(s) FROM txid_current_snapshot() s", st -> {
        }, rs -> {
            rs.next();
            return new TxSnapshot(rs.getLong(1), rs.getLong(2));
        });
    }

    @Override
    public synchronized Set<String> stillReferenced(Collection<String> storeFnames) {
        if (storeFnames.isEmpty()) {
            return Set.of();
        }
        return query("SELECT DISTINCT store_fname FROM ir_attachment WHERE store_fname = ANY(?)", st -> {
            Array array = st.getConnection().createArrayOf("varchar", storeFnames.toArray());
            st.setArray(1, array);
        }, rs -> {
            Set<String> out = new HashSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        });
    }

    /** When the standby last replayed a transaction from prod, if it has (pg_monitor may read it). */
    public synchronized Optional<Instant> lastReplayed() {
        return query("SELECT pg_last_xact_replay_timestamp()", st -> {
        }, rs -> {
            rs.next();
            java.sql.Timestamp t = rs.getTimestamp(1);
            return Optional.ofNullable(t).map(java.sql.Timestamp::toInstant);
        });
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        if (session == null) {
            session = connect(config, port, database);
        }
        try (PreparedStatement st = session.connection().prepareStatement(sql)) {
            binder.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            String describe = session.describe();
            dropSession();
            if ("42501".equals(e.getSQLState())) {
                throw new DrException(ExitCode.DATABASE, "standby " + describe + ": " + e.getMessage(),
                        "the replication role may not read ir_attachment: run odoo-dr setup (step attachment-read-grant)", e);
            }
            if ("42P01".equals(e.getSQLState())) {
                throw new DrException(ExitCode.DATABASE, "standby " + describe + ": " + e.getMessage(),
                        "database " + database + " has no ir_attachment table: is it an Odoo database? (config: databases)", e);
            }
            throw new DrException(ExitCode.DATABASE, "standby " + describe + ": " + e.getMessage(),
                    "is the standby running? (pg_lsclusters; odoo-dr status)", e);
        }
    }

    private void dropSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public synchronized void close() {
        dropSession();
    }
}
