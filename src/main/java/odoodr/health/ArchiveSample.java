package odoodr.health;

import odoodr.archive.BackupRecord;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The recovery archive as the health checks see it: the standby's archiver, the base backups, the disk.
 *
 * @param root        archive.directory
 * @param archiver    the standby's pg_stat_archiver, or why it could not be read (the standby is down)
 * @param newest      the newest good base backup
 * @param oldest      the oldest good base backup: its end is the oldest restorable point
 * @param walBytes    bytes in {@code wal/}
 * @param baseBytes   bytes in {@code base/}
 * @param disk        the archive's file system
 * @param standbyDisk the standby's data directory's file system (where unarchived WAL piles up)
 */
public record ArchiveSample(Path root, Measured<ArchiverStats> archiver, Optional<BackupRecord> newest,
                            Optional<BackupRecord> oldest, long walBytes, long baseBytes, DiskSample disk,
                            DiskSample standbyDisk) {
    /**
     * pg_stat_archiver on the standby, and the WAL waiting for it.
     *
     * @param lastArchivedWal      the last segment archived, null before the first
     * @param secondsSinceArchived now() - last_archived_time, null before the first
     * @param failedCount          failed attempts since the statistics were reset
     * @param lastFailedWal        the segment of the last failure, null when none
     * @param failingNow           the last failure is newer than the last success
     * @param waitingBytes         segments marked ready in pg_wal/archive_status times the segment size
     * @param unwritable           why postgres cannot write the WAL directory, null when it can (looked at only
     *                             when failing, for the fix)
     */
    public record ArchiverStats(String lastArchivedWal, Double secondsSinceArchived, long failedCount,
                                String lastFailedWal, boolean failingNow, long waitingBytes, String unwritable) {
    }
}
