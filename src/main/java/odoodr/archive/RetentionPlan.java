package odoodr.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What retention removes: the good backups that finished before now − retention, except the newest one, which is
 * kept however old (a replica whose agent stopped taking backups must still be restorable). WAL before the oldest
 * kept backup's start is then of no use to any restore.
 *
 * @param remove the backups to delete, oldest first
 * @param keep   the backups kept, oldest first (never empty when there was at least one)
 */
public record RetentionPlan(List<BackupRecord> remove, List<BackupRecord> keep) {
    public static RetentionPlan of(List<BackupRecord> good, Instant now, Duration retention) {
        List<BackupRecord> sorted = new ArrayList<>(good);
        sorted.sort(Comparator.comparing(BackupRecord::finished));
        Instant horizon = now.minus(retention);
        List<BackupRecord> remove = new ArrayList<>();
        List<BackupRecord> keep = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            BackupRecord r = sorted.get(i);
            boolean newest = i == sorted.size() - 1;
            (r.finished().isBefore(horizon) && !newest ? remove : keep).add(r);
        }
        return new RetentionPlan(List.copyOf(remove), List.copyOf(keep));
    }

    /** The oldest backup kept: the WAL before its start may go. */
    public Optional<BackupRecord> oldestKept() {
        return keep.isEmpty() ? Optional.empty() : Optional.of(keep.get(0));
    }
}
