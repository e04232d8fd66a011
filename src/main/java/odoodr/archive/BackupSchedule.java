package odoodr.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** When the next base backup is due: none good yet, or the newest finished at least one interval ago. */
public record BackupSchedule(Duration interval) {
    public boolean due(List<BackupRecord> good, Instant now) {
        return good.stream().map(BackupRecord::finished).max(Instant::compareTo)
                .map(newest -> !now.isBefore(newest.plus(interval))).orElse(true);
    }

    /**
     * How often the agent looks whether a backup is due: a quarter of the interval, between 2 s and a minute (so a
     * day's interval is kept within a minute, and a test's 10 s interval within a few seconds).
     */
    public Duration pollPeriod() {
        Duration quarter = interval.dividedBy(4);
        Duration floor = Duration.ofSeconds(2);
        Duration ceiling = Duration.ofMinutes(1);
        return quarter.compareTo(floor) < 0 ? floor : quarter.compareTo(ceiling) > 0 ? ceiling : quarter;
    }
}
