package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.archive.BackupRecord;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How far back and how far forward a restore can go: from the oldest good base backup's end (a backup is consistent
 * only from there) to the standby's last replayed commit (the archive plus the standby's own pg_wal hold everything
 * up to it). Pure: the backups and the standby's position are read elsewhere.
 *
 * @param backups      the good base backups, oldest first
 * @param newestCommit the standby's last replayed commit, if it has replayed one
 */
public record RecoveryWindow(List<BackupRecord> backups, Optional<Instant> newestCommit) {
    public RecoveryWindow {
        backups = backups.stream().sorted(Comparator.comparing(BackupRecord::finished)).toList();
    }

    public Optional<Instant> oldest() {
        return backups.stream().map(BackupRecord::finished).findFirst();
    }

    /** The newest restorable point: the last commit, or the newest backup's end when nothing was committed since. */
    public Optional<Instant> newest() {
        Optional<Instant> lastBackup = backups.isEmpty() ? Optional.empty()
                : Optional.of(backups.get(backups.size() - 1).finished());
        if (newestCommit.isEmpty()) {
            return lastBackup;
        }
        return lastBackup.map(b -> b.isAfter(newestCommit.get()) ? b : newestCommit.get()).or(() -> newestCommit);
    }

    public String describe() {
        return oldest().map(o -> o + " … " + newest().orElseThrow()).orElse("empty (no good base backup yet)");
    }

    /**
     * The backup to restore {@code at} from, the newest that finished at or before it; refuses a time in the future
     * or outside the window, with the window in the message.
     */
    public BackupRecord backupFor(Instant at, Instant now) {
        if (backups.isEmpty()) {
            throw new DrException(ExitCode.RESTORE, "restore refused: the archive has no good base backup yet",
                    "enable archive: in the config (archive.enabled: true), run setup, and wait for the agent's first"
                            + " base backup (archive.base_backup_interval); restore --list shows the window");
        }
        if (at.isAfter(now)) {
            throw new DrException(ExitCode.RESTORE, "restore refused: " + at + " is in the future (now " + now
                    + "); the recovery window is " + describe(), "give a time inside the window");
        }
        if (at.isBefore(oldest().orElseThrow())) {
            throw new DrException(ExitCode.RESTORE, "restore refused: " + at + " is before the recovery window "
                    + describe(), "the oldest restorable point is " + oldest().orElseThrow()
                    + " (the oldest kept base backup's end); archive.retention sets how far back the window goes");
        }
        return backups.stream().filter(b -> !b.finished().isAfter(at)).reduce((a, b) -> b).orElseThrow();
    }
}
