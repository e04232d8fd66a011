package odoodr.failover;

import odoodr.postgres.Lsn;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Where the standby stands against prod, read on the standby itself: the last WAL position replayed and received,
 * the commit time of the last transaction replayed, and the WAL receiver's last word from prod. After promotion the
 * replay/receive functions keep returning the values recovery ended with, so the same read describes the end state.
 *
 * @param serverNow the standby's clock at the time of the read (windows are computed on one clock)
 */
public record ReplayPosition(boolean inRecovery, Optional<Lsn> replayLsn, Optional<Lsn> receiveLsn,
                             Optional<OffsetDateTime> lastReplayedCommit, Optional<String> walReceiver,
                             Optional<OffsetDateTime> lastMessageFromProd, OffsetDateTime serverNow) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    public String describeReplay() {
        return "last replayed WAL " + replayLsn.map(Lsn::toString).orElse("none")
                + receiveLsn.filter(r -> replayLsn.map(r::isAfter).orElse(true)).map(r -> " (received up to " + r + ")").orElse("")
                + ", last replayed commit " + lastReplayedCommit.map(ReplayPosition::time).orElse("unknown (no transaction replayed since start)");
    }

    /** How long before {@link #serverNow} the last replayed commit was made on prod. */
    public Optional<Duration> commitAge() {
        return lastReplayedCommit.map(t -> Duration.between(t, serverNow));
    }

    static String time(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h " + (s % 3600) / 60 + " min";
    }
}
