package odoodr.health;

import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.ConnectionHints;
import odoodr.postgres.ConnectionProfile;
import odoodr.postgres.Login;
import odoodr.DrException;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.postgres.Lsn;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;
import odoodr.process.Supervisor;
import odoodr.ssh.RemoteShell;
import odoodr.ssh.TunnelProbe;
import odoodr.postgres.DebianCluster;
import odoodr.ssh.ProdDiskQuery;
import odoodr.ssh.ServiceKeyRole;
import odoodr.postgres.ReplicationCredentials;
import odoodr.host.ServiceUser;
import odoodr.ssh.Tunnel;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Looks at the real replica: the tunnel's lock and forward, the standby over TCP and prod through the permanent
 * tunnel, both as the replication role whose password setup keeps in {@code ~postgres/.pgpass} (it has pg_monitor;
 * the prod superuser is never used here), the disks (prod's through the monitor key's forced df), and the filestore
 * sync's state files.
 */
public final class LiveProbes implements HealthProbes {
    private static final int TUNNEL_PROBE_MILLIS = 3000;
    /** Time for replay to apply what was just received, before a receive/replay difference counts as lag. */
    private static final long REPLAY_SETTLE_MILLIS = 300;
    private static final String DATABASE = "postgres";
    /** Connect timeout plus df plus some slack; never more than a few seconds. */
    private static final Duration PROD_DISK_TIMEOUT = Duration.ofSeconds(ProdDiskQuery.CONNECT_TIMEOUT_SECONDS + 5L);
    /**
     * A free disk changes slowly: the agent asks prod once a minute, not at every health round (one login in prod's
     * auth log per minute). Failures are never reused: the next round tries again.
     */
    static final Duration PROD_DISK_REUSE = Duration.ofSeconds(60);
    private static final String PROD_UNREACHABLE_HINT = "check the network to prod and its sshd (the tunnel row"
            + " tells the same story); prod's disk fills while the slot keeps WAL for a standby that does not stream";

    private static final String STANDBY_SQL = """
            SELECT pg_is_in_recovery(),
                   pg_last_wal_receive_lsn()::text,
                   pg_last_wal_replay_lsn()::text,
                   extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8,
                   r.pid,
                   r.status,
                   r.sender_host || ':' || r.sender_port,
                   extract(epoch FROM now() - r.last_msg_receipt_time)::float8
            FROM (SELECT 1) AS one LEFT JOIN pg_stat_wal_receiver r ON true""";
    private static final String REPLICATION_SQL = """
            SELECT state, sync_state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint
            FROM pg_stat_replication WHERE application_name = ?
            ORDER BY (state = 'streaming') DESC LIMIT 1""";
    // to_jsonb: wal_status and safe_wal_size exist from PostgreSQL 13 on; older servers read them as NULL
    private static final String SLOT_SQL = """
            SELECT active, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint,
                   to_jsonb(s) ->> 'wal_status', (to_jsonb(s) ->> 'safe_wal_size')::bigint
            FROM pg_replication_slots s WHERE slot_name = ?""";
    private static final String KEEP_SIZE_SQL = """
            SELECT CASE WHEN setting = '-1' THEN -1 ELSE pg_size_bytes(setting || unit) END
            FROM pg_settings WHERE name = 'max_slot_wal_keep_size'""";

    private final Config config;
    private final DebianCluster cluster;
    private final ProcessRunner runner = new ProcessRunner();
    private Measured<DiskSample> lastProdDisk;
    private long lastProdDiskNanos;

    public LiveProbes(Config config) {
        this.config = config;
        this.cluster = new DebianCluster(runner, config.postgres().major(), config.postgres().cluster());
    }

    @Override
    public TunnelSample tunnel() {
        PgEndpoint tunnel = PgEndpoint.permanentTunnel(config);
        return new TunnelSample(Tunnel.supervisorRunning(config), TunnelProbe.postgresAnswers(tunnel, TUNNEL_PROBE_MILLIS),
                tunnel, Tunnel.logFile(config), Supervisor.lastExit(Tunnel.spec(config).pidFile()).orElse(null));
    }

    @Override
    public Measured<StandbySample> standby() {
        String label = cluster.label();
        Optional<DebianCluster.ClusterStatus> status = cluster.status();
        if (status.isEmpty()) {
            return Measured.failed("the standby cluster " + label + " does not exist",
                    "run odoo-dr setup --only database");
        }
        Path log = status.get().logFile() != null ? status.get().logFile() : cluster.logFile();
        if (!status.get().online()) {
            return Measured.failed("cluster " + label + " is " + status.get().state() + " (pg_lsclusters)",
                    "start it: pg_ctlcluster " + cluster.major() + " " + cluster.name() + " start; see " + log);
        }
        PgEndpoint standby = PgEndpoint.loopback(config.postgres().port());
        return asReplicationRole(standby, "standby " + standby, c -> {
            StandbySample s = standbySample(c, label, log);
            if (s.streaming() && s.receiveLsn() != null && !s.replayCaughtUp()) {
                // just received, about to be replayed: only a difference that persists is lag
                Thread.sleep(REPLAY_SETTLE_MILLIS);
                s = standbySample(c, label, log);
            }
            return s;
        });
    }

    private static StandbySample standbySample(Connection c, String label, Path log) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(STANDBY_SQL); ResultSet rs = st.executeQuery()) {
            rs.next();
            String status = rs.getString(6);
            if (status == null && rs.getObject(5) != null) {
                status = "(hidden: the role lacks pg_monitor)";
            }
            return new StandbySample(label, log, rs.getBoolean(1), status, rs.getString(7),
                    Lsn.fromNullable(rs.getString(2)).orElse(null), Lsn.fromNullable(rs.getString(3)).orElse(null),
                    (Double) rs.getObject(4), (Double) rs.getObject(8));
        }
    }

    @Override
    public Measured<PrimarySample> primary() {
        PgEndpoint tunnel = PgEndpoint.permanentTunnel(config);
        return asReplicationRole(tunnel, "prod through " + tunnel, c -> {
            PrimarySample.ReplicationRow replication = null;
            try (PreparedStatement st = c.prepareStatement(REPLICATION_SQL)) {
                st.setString(1, config.applicationName());
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        replication = new PrimarySample.ReplicationRow(rs.getString(1), rs.getString(2),
                                (Long) rs.getObject(3));
                    }
                }
            }
            PrimarySample.SlotRow slot = null;
            try (PreparedStatement st = c.prepareStatement(SLOT_SQL)) {
                st.setString(1, config.slotName());
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        slot = new PrimarySample.SlotRow(rs.getBoolean(1), (Long) rs.getObject(2), rs.getString(3),
                                (Long) rs.getObject(4));
                    }
                }
            }
            Long keep = null;
            try (PreparedStatement st = c.prepareStatement(KEEP_SIZE_SQL); ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    keep = rs.getLong(1);
                }
            }
            return new PrimarySample(config.applicationName(), config.slotName(), replication, slot, keep);
        });
    }

    private interface Session<T> {
        T query(Connection c) throws SQLException, InterruptedException;
    }

    /** One connection as the replication role (password from .pgpass); every failure becomes the reason. */
    private <T> Measured<T> asReplicationRole(PgEndpoint endpoint, String where, Session<T> session) {
        Measured<Secret> password = password();
        if (!password.ok()) {
            return Measured.failed(password.failure(), password.hint());
        }
        Login login = ConnectionProfile.DAILY_MONITOR.login(config, endpoint, password.sample(), DATABASE);
        try (Connection c = ConnectionFactory.open(login)) {
            return Measured.of(session.query(c));
        } catch (SQLException e) {
            return Measured.failed(where + " as " + login.user() + ": " + e.getMessage(),
                    ConnectionHints.hint(login, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Measured.failed("interrupted", null);
        }
    }

    @Override
    public Measured<DiskSample> standbyDisk() {
        return disk(cluster.dataDirectory());
    }

    @Override
    public Measured<DiskSample> filestoreDisk() {
        return disk(config.filestore().localBase());
    }

    /** The file system that holds {@code path}, or will once it is created. */
    static Measured<DiskSample> disk(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Measured.failed("no existing directory above " + path, null);
        }
        try {
            FileStore fs = Files.getFileStore(existing);
            return Measured.of(new DiskSample(path, existing, fs.getUsableSpace(), fs.getTotalSpace()));
        } catch (IOException e) {
            return Measured.failed("cannot measure " + existing + ": " + e.getMessage(), null);
        }
    }

    @Override
    public synchronized Measured<DiskSample> prodDisk() {
        if (lastProdDisk != null && System.nanoTime() - lastProdDiskNanos < PROD_DISK_REUSE.toNanos()) {
            return lastProdDisk;
        }
        Measured<DiskSample> measured = measureProdDisk();
        lastProdDisk = measured.ok() ? measured : null;
        lastProdDiskNanos = System.nanoTime();
        return measured;
    }

    private Measured<DiskSample> measureProdDisk() {
        Path key = ServiceKeyRole.MONITOR.privateKey(config);
        if (!Files.exists(key)) {
            return ServiceUser.runningAsRoot()
                    ? Measured.failed("the monitor key " + key + " is not set up", "run odoo-dr setup --only database")
                    : Measured.failed("cannot see the monitor key " + key + " (not root)",
                    "run odoo-dr status as root: it asks prod for its free disk with the postgres user's key");
        }
        ProcessResult r;
        try {
            r = runner.runAllowingFailure(Command.of(ProdDiskQuery.dfArgv(config)).timeout(PROD_DISK_TIMEOUT)
                    .subject("ssh " + config.prod().ssh().host()).build());
        } catch (DrException e) {
            return Measured.failed("prod unreachable: " + e.getMessage(), PROD_UNREACHABLE_HINT);
        }
        return prodDisk(r.exitCode(), r.stdout(), r.stderr(), config.prod().dataDiskPath());
    }

    /** What ssh with the monitor key said, judged apart from running it (tests feed fixed outputs). */
    static Measured<DiskSample> prodDisk(int exitCode, String stdout, String stderr, Path dataDiskPath) {
        String why = stderr.strip().lines().reduce((a, b) -> b).orElse("exit code " + exitCode);
        if (exitCode == RemoteShell.SSH_CONNECTION_FAILED) {
            if (stderr.toLowerCase(java.util.Locale.ROOT).contains("permission denied")) {
                return Measured.failed("the monitor key is not authorised on prod: " + why,
                        "run odoo-dr setup --only database");
            }
            if (TunnelCheck.hostKeyRefused(stderr)) {
                return Measured.failed("prod's host key differs from the one pinned in "
                        + ServiceUser.POSTGRES.sshDirectory().resolve("known_hosts") + ": " + why,
                        TunnelCheck.HOST_KEY_CHANGED_HINT);
            }
            return Measured.failed("prod unreachable: " + why, PROD_UNREACHABLE_HINT);
        }
        if (exitCode != 0) {
            return Measured.failed("df " + dataDiskPath + " on prod failed: " + why, "set prod.data_disk_path to a"
                    + " path on prod's data disk that exists, then run odoo-dr setup --only database");
        }
        return DfOutput.parse(stdout, dataDiskPath).map(Measured::of).orElseGet(() -> Measured.failed(
                "prod's answer is not df's output: " + stdout.strip().lines().findFirst().orElse("(nothing)"),
                "the monitor key's line on prod must force df: run odoo-dr setup --only database"));
    }

    @Override
    public Measured<ArchiveSample> archive() {
        return new ArchiveProbe(config, cluster, runner).measure();
    }

    @Override
    public Measured<Optional<FilestoreSyncState>> filestore(String database) {
        return FilestoreSyncStateFile.measure(config, database);
    }

    @Override
    public Measured<Optional<DrillRecord>> drill() {
        return DrillStateFile.measure(config);
    }

    private Measured<Secret> password() {
        try {
            return ReplicationCredentials.find(config).map(Measured::of).orElseGet(() -> Measured.failed(
                    "no password for " + config.postgres().replicationUser() + " in "
                            + ReplicationCredentials.pgpassPath(), "run odoo-dr setup --only database"));
        } catch (DrException e) {
            return Measured.failed(e.getMessage(), "run odoo-dr status as root: it reads the replication role's"
                    + " password from " + ReplicationCredentials.pgpassPath());
        }
    }
}
