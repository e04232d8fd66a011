package odoodr.archive;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.host.AtomicFile;
import odoodr.host.DirectoryTree;
import odoodr.host.ServiceUser;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.DataDirectory;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One base backup of the local standby into the archive: {@code pg_basebackup} as postgres over the standby's own
 * Unix socket (peer authentication mapped to the replication role, see the standby's pg_hba line; no password,
 * nothing crosses the tunnel) into {@code base/<label>.partial/data}, then {@code pg_verifybackup}, then the
 * {@link BackupRecord}, then the rename to {@code base/<label>}. Any failure removes the partial directory: nothing
 * that looks good is left behind.
 */
public final class StandbyBaseBackup {
    private static final Logger LOG = LoggerFactory.getLogger("archive");
    private static final Duration BACKUP_TIMEOUT = Duration.ofHours(48);
    private static final Duration VERIFY_TIMEOUT = Duration.ofHours(12);
    /** WAL-Ranges is at the end of backup_manifest: its tail is all that is read. */
    private static final int MANIFEST_TAIL = 64 * 1024;
    private static final Optional<String> POSTGRES = Optional.of(ServiceUser.POSTGRES.name());

    private final Config config;
    private final ArchiveLayout layout;
    private final DebianCluster cluster;
    private final ProcessRunner runner;
    private final Clock clock;

    public StandbyBaseBackup(Config config, ProcessRunner runner, Clock clock) {
        this.config = config;
        this.layout = ArchiveLayout.of(config);
        this.cluster = new DebianCluster(runner, config.postgres().major(), config.postgres().cluster());
        this.runner = runner;
        this.clock = clock;
    }

    /** Takes, verifies and records one backup; the caller holds the archive's lock ({@link ArchiveLock}). */
    public BackupRecord take() {
        removeStalePartials();
        Instant started = clock.instant();
        String label = ArchiveLayout.labelAt(started);
        Path partial = layout.partialDirectory(label);
        Path data = partial.resolve(ArchiveLayout.DATA);
        try {
            DirectoryTree.ensure(partial, "rwx------", POSTGRES);
            LOG.info("archive: base backup {} of the standby {} starting into {}", label, cluster.label(), partial);
            runAsPostgres(basebackupArgv(data), BACKUP_TIMEOUT, "pg_basebackup of the standby");
            Instant finished = clock.instant();
            LOG.info("archive: base backup {} copied; verifying it with pg_verifybackup", label);
            runAsPostgres(List.of(bin("pg_verifybackup"), "--quiet", data.toString()), VERIFY_TIMEOUT,
                    "pg_verifybackup");
            BackupRecord record = record(label, started, finished, data);
            AtomicFile.write(partial.resolve(ArchiveLayout.RECORD), record.toBytes(), AtomicFile.OWNER_READ_WRITE,
                    POSTGRES);
            // rename(2) within base/: the final name appears complete, with its record, or not at all
            Files.move(partial, layout.backupDirectory(label));
            LOG.info("archive: base backup {} good: {} bytes, WAL {} to {}", label, record.bytes(),
                    record.startLsn(), record.endLsn());
            return record;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            if (e instanceof DrException dr) {
                throw dr;
            }
            throw new DrException(ExitCode.BASE_BACKUP, "archive: base backup " + label + " failed: " + e.getMessage(),
                    "free space in " + layout.root() + " and see the standby's log " + cluster.logFile(), e);
        }
    }

    /**
     * {@code -X stream}: a standby cannot switch WAL segments, so a backup taken from it must carry its own WAL in
     * {@code pg_wal} to be restorable on its own; the manifest lets pg_verifybackup check every file and that WAL.
     */
    private List<String> basebackupArgv(Path data) {
        return List.of(bin("pg_basebackup"), "-h", DebianCluster.SOCKET_DIRECTORY.toString(),
                "-p", Integer.toString(config.postgres().port()), "-U", config.postgres().replicationUser(),
                "--no-password", "-D", data.toString(), "-Fp", "-X", "stream", "--checkpoint=fast",
                "--manifest-checksums=CRC32C", "--label=odoo-dr archive " + data.getParent().getFileName());
    }

    private BackupRecord record(String label, Instant started, Instant finished, Path data) throws IOException {
        BackupLabelFile start = BackupLabelFile.parse(new String(AtomicFile.readIfExists(data.resolve("backup_label"))
                .orElseThrow(() -> new IOException("the backup has no backup_label")), StandardCharsets.UTF_8));
        ManifestWalRange wal = ManifestWalRange.lastOf(manifestTail(data.resolve("backup_manifest")));
        String system = new DataDirectory(runner, cluster).systemIdentifier(data)
                .orElseThrow(() -> new IOException("pg_controldata found no system identifier in " + data));
        return new BackupRecord(label, started, finished, start.startLsn(), wal.endLsn(), start.timeline(), system,
                ArchiveSpace.bytesUnder(data));
    }

    private static String manifestTail(Path manifest) throws IOException {
        try (SeekableByteChannel c = Files.newByteChannel(manifest, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long from = Math.max(0, c.size() - MANIFEST_TAIL);
            ByteBuffer buffer = ByteBuffer.allocate((int) (c.size() - from));
            c.position(from);
            while (buffer.hasRemaining() && c.read(buffer) >= 0) {
                // read to the end
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }

    /** Partial directories are never used: what an interrupted attempt left is removed before the next one. */
    private void removeStalePartials() {
        try {
            for (String stale : ArchiveInventory.read(layout).partial()) {
                LOG.info("archive: removing the unfinished backup {} left by an interrupted attempt", stale);
                DirectoryTree.delete(layout.baseDirectory().resolve(stale));
            }
        } catch (IOException e) {
            throw new DrException(ExitCode.BASE_BACKUP, "archive: cannot remove an unfinished backup in "
                    + layout.baseDirectory() + ": " + e.getMessage(), null, e);
        }
    }

    private void runAsPostgres(List<String> argv, Duration timeout, String subject) {
        runner.run(Command.of(ServiceUser.POSTGRES.as(argv)).env("LC_ALL", "C").timeout(timeout).subject(subject)
                .onFailure(ExitCode.BASE_BACKUP, "the unfinished backup is removed and retried at the next round;"
                        + " see the standby's log " + cluster.logFile())
                .build());
    }

    private String bin(String tool) {
        return cluster.binDirectory().resolve(tool).toString();
    }

    private static void deleteQuietly(Path dir) {
        try {
            DirectoryTree.delete(dir);
        } catch (IOException e) {
            LOG.warn("archive: cannot remove {}: {} (removed at the next attempt)", dir, e.getMessage());
        }
    }
}
