package odoodr.health;

import odoodr.archive.BackupRecord;
import odoodr.config.ArchiveConfig;
import odoodr.config.HealthConfig;
import odoodr.units.ByteSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The recovery archive's rows (only with archive.enabled): the standby's archiver, the newest base backup's age, the
 * recovery window, the archive's disk, and the WAL that piles up in the standby's pg_wal while archiving fails.
 */
final class ArchiveChecks {
    static final CheckId ARCHIVED = CheckId.of("archive_last_archived_age", "WAL archiver (standby): last segment archived");
    static final CheckId FAILURES = CheckId.of("archive_failures", "WAL archiver (standby): failed attempts");
    static final CheckId BACKUP = CheckId.of("archive_base_backup_age", "newest good base backup");
    static final CheckId WINDOW = CheckId.of("archive_recovery_window", "recovery window (point-in-time restore)");
    static final CheckId USED = CheckId.of("archive_disk_used", "recovery archive size");
    static final CheckId FREE = CheckId.of("archive_disk_free", "disk free for the recovery archive");
    static final CheckId WAITING = CheckId.of("archive_wal_waiting", "WAL waiting to be archived (standby's pg_wal)");
    static final List<CheckId> ALL = List.of(ARCHIVED, FAILURES, BACKUP, WINDOW, USED, FREE, WAITING);

    private ArchiveChecks() {
    }

    static List<HealthCheck> evaluate(Measured<ArchiveSample> measured, ArchiveConfig a, HealthConfig h, Instant now) {
        if (!measured.ok()) {
            return ALL.stream().map(id -> id.unknown(measured.failure(), measured.hint())).toList();
        }
        ArchiveSample s = measured.sample();
        Measured<ArchiveSample.ArchiverStats> archiver = s.archiver();
        List<HealthCheck> archiverRows = archiver.ok() ? archiverRows(s, archiver.sample())
                : List.of(ARCHIVED.unknown(archiver.failure(), archiver.hint()),
                FAILURES.unknown(archiver.failure(), archiver.hint()),
                WAITING.unknown(archiver.failure(), archiver.hint()));
        return List.of(archiverRows.get(0), archiverRows.get(1), backup(s, a, now), window(s, now), used(s),
                free(s, h), archiverRows.get(2));
    }

    /** The fix for a failing archiver: the directory's rights when that is the cause, else the standby's log. */
    static String fix(ArchiveSample s, ArchiveSample.ArchiverStats st) {
        return st.unwritable() != null
                ? "archive directory " + st.unwritable() + ": chown -R postgres: " + s.root() + "; chmod 0700 "
                + s.root() + " " + s.root() + "/wal " + s.root() + "/base (or odoo-dr setup --only database);"
                + " archiving then catches up by itself"
                : "see basic_archive's error in the standby's log; free space in " + s.root() + " if it is full";
    }

    private static List<HealthCheck> archiverRows(ArchiveSample s, ArchiveSample.ArchiverStats st) {
        String last = st.lastArchivedWal() == null ? "nothing archived yet"
                : "last archived " + st.lastArchivedWal() + " " + Math.round(st.secondsSinceArchived()) + " s ago";
        Measurement age = st.secondsSinceArchived() == null ? null
                : Measurement.of(Math.max(0, Math.round(st.secondsSinceArchived())), Unit.SECONDS);
        Measurement failures = Measurement.of(st.failedCount(), Unit.COUNT);
        HealthCheck archived;
        HealthCheck failed;
        if (st.failingNow()) {
            String why = "archiving fails: the last attempt (" + st.lastFailedWal() + ") failed after the last success; "
                    + last;
            archived = ARCHIVED.critical(age, why, fix(s, st));
            failed = FAILURES.critical(failures, st.failedCount() + " failed attempts, the newest after the last success",
                    fix(s, st));
        } else {
            // on a quiet prod a segment completes only after 16 MB of WAL or a switch: an old age alone is no fault
            archived = ARCHIVED.ok(age, last + " into " + s.root().resolve("wal"));
            failed = FAILURES.ok(failures, st.failedCount() == 0 ? "no failed attempt"
                    : st.failedCount() + " failed attempts in the past (" + st.lastFailedWal() + "), succeeded since");
        }
        return List.of(archived, failed, waiting(s, st));
    }

    /**
     * A failing archive keeps every segment in the standby's pg_wal until the disk is full and the standby stops:
     * CRITICAL once the waiting WAL is a quarter of the free space left (three more such stretches fill the disk),
     * WARNING while it waits and grows.
     */
    private static HealthCheck waiting(ArchiveSample s, ArchiveSample.ArchiverStats st) {
        long free = s.standbyDisk().usableBytes();
        Measurement value = Measurement.of(st.waitingBytes(), Unit.BYTES);
        String detail = ByteSize.human(st.waitingBytes()) + " of WAL not yet archived in the standby's pg_wal, "
                + ByteSize.gigabytes(free) + " free on " + s.standbyDisk().measuredAt();
        if (!st.failingNow() || st.waitingBytes() == 0) {
            return WAITING.ok(value, detail);
        }
        String hint = fix(s, st) + "; until then pg_wal grows and the standby stops when its disk is full";
        return st.waitingBytes() * 4 >= free ? WAITING.critical(value, detail, hint) : WAITING.warning(value, detail, hint);
    }

    /**
     * WARNING past two intervals (a scheduled backup was missed), CRITICAL past the retention (no backup was taken
     * for as long as the window should reach: a restore would replay all of it, and the agent's job is not working).
     */
    private static HealthCheck backup(ArchiveSample s, ArchiveConfig a, Instant now) {
        if (s.newest().isEmpty()) {
            return BACKUP.warning(null, "no good base backup yet: no point in time can be restored",
                    "the agent takes the first one (odoo-dr agent running? see its log for \"archive:\")");
        }
        BackupRecord b = s.newest().get();
        long age = Math.max(0, Duration.between(b.finished(), now).toSeconds());
        long warning = a.baseBackupInterval().multipliedBy(2).toSeconds();
        long critical = Math.max(a.retention().toSeconds(), warning + 1);
        return BACKUP.judged(new Measurement(age, Unit.SECONDS, Thresholds.above(warning, critical)),
                b.label() + " finished " + b.finished() + " (" + ByteSize.human(b.bytes()) + ")",
                "the agent takes one every archive.base_backup_interval: is it running? see its log for \"archive:\"");
    }

    private static HealthCheck window(ArchiveSample s, Instant now) {
        if (s.oldest().isEmpty()) {
            return WINDOW.warning(null, "no recovery point yet (no good base backup)", "see the base backup row");
        }
        Instant from = s.oldest().get().finished();
        return WINDOW.ok(Measurement.of(Math.max(0, Duration.between(from, now).toSeconds()), Unit.SECONDS),
                "restorable from " + from + " (oldest kept backup " + s.oldest().get().label()
                        + ") to the newest archived WAL");
    }

    private static HealthCheck used(ArchiveSample s) {
        return USED.ok(Measurement.of(s.walBytes() + s.baseBytes(), Unit.BYTES), ByteSize.human(s.walBytes())
                + " of WAL, " + ByteSize.human(s.baseBytes()) + " of base backups in " + s.root());
    }

    private static HealthCheck free(ArchiveSample s, HealthConfig h) {
        DiskSample d = s.disk();
        Thresholds t = Thresholds.below(h.diskFreeWarning() / 100, h.diskFreeCritical() / 100);
        return FREE.judged(new Measurement(Math.round(d.freeRatio() * 1000) / 1000.0, Unit.RATIO, t),
                ByteSize.gigabytes(d.usableBytes()) + " free of " + ByteSize.gigabytes(d.totalBytes()) + " on the file"
                        + " system of " + d.measuredAt(),
                "free space there or shorten archive.retention: when it is full archiving fails and WAL piles up");
    }
}
