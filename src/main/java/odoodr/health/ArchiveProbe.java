package odoodr.health;

import odoodr.archive.ArchiveInventory;
import odoodr.archive.ArchiveLayout;
import odoodr.archive.ArchiveSpace;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.ConnectionHints;
import odoodr.postgres.ConnectionProfile;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.Login;
import odoodr.postgres.ReplicationCredentials;
import odoodr.process.ProcessRunner;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Measures the recovery archive: the standby's pg_stat_archiver (as the replication role), base/, wal/ and disks. */
final class ArchiveProbe {
    private static final String ARCHIVER_SQL = """
            SELECT last_archived_wal, extract(epoch FROM now() - last_archived_time)::float8, failed_count,
                   last_failed_wal, coalesce(last_failed_time > coalesce(last_archived_time, '-infinity'), false),
                   pg_size_bytes(current_setting('wal_segment_size'))
            FROM pg_stat_archiver""";

    private final Config config;
    private final DebianCluster cluster;
    private final ProcessRunner runner;

    ArchiveProbe(Config config, DebianCluster cluster, ProcessRunner runner) {
        this.config = config;
        this.cluster = cluster;
        this.runner = runner;
    }

    Measured<ArchiveSample> measure() {
        ArchiveLayout layout = ArchiveLayout.of(config);
        try {
            ArchiveInventory inventory = ArchiveInventory.read(layout);
            Measured<DiskSample> disk = LiveProbes.disk(layout.root());
            Measured<DiskSample> standbyDisk = LiveProbes.disk(cluster.dataDirectory());
            if (!disk.ok() || !standbyDisk.ok()) {
                return Measured.failed(disk.ok() ? standbyDisk.failure() : disk.failure(), null);
            }
            return Measured.of(new ArchiveSample(layout.root(), archiver(layout), inventory.newest(), inventory.oldest(),
                    ArchiveSpace.bytesUnder(layout.walDirectory()), ArchiveSpace.bytesUnder(layout.baseDirectory()),
                    disk.sample(), standbyDisk.sample()));
        } catch (IOException e) {
            return Measured.failed("cannot read the archive " + layout.root() + ": " + e.getMessage(),
                    "it belongs to postgres, mode 0700: run odoo-dr status as root");
        }
    }

    private Measured<ArchiveSample.ArchiverStats> archiver(ArchiveLayout layout) throws IOException {
        Secret password = ReplicationCredentials.find(config).orElse(null);
        if (password == null) {
            return Measured.failed("no password for the replication role", "run odoo-dr setup --only database");
        }
        Login login = ConnectionProfile.DAILY_MONITOR.login(config, PgEndpoint.loopback(config.postgres().port()),
                password, "postgres");
        try (Connection c = ConnectionFactory.open(login);
             PreparedStatement st = c.prepareStatement(ARCHIVER_SQL); ResultSet rs = st.executeQuery()) {
            rs.next();
            boolean failing = rs.getBoolean(5);
            long waiting = readySegments(cluster.dataDirectory()) * rs.getLong(6);
            String unwritable = failing ? ArchiveSpace.notWritableByPostgres(runner, layout).orElse(null) : null;
            return Measured.of(new ArchiveSample.ArchiverStats(rs.getString(1), (Double) rs.getObject(2),
                    rs.getLong(3), rs.getString(4), failing, waiting, unwritable));
        } catch (SQLException e) {
            return Measured.failed("the standby's archiver as " + login.user() + ": " + e.getMessage(),
                    ConnectionHints.hint(login, e));
        }
    }

    /** Segments the standby has finished and not yet archived ({@code pg_wal/archive_status/*.ready}). */
    static long readySegments(Path dataDirectory) throws IOException {
        Path status = dataDirectory.resolve("pg_wal/archive_status");
        if (!Files.isDirectory(status)) {
            return 0;
        }
        long n = 0;
        try (DirectoryStream<Path> ready = Files.newDirectoryStream(status, "*.ready")) {
            for (Path ignored : ready) {
                n++;
            }
        }
        return n;
    }
}
