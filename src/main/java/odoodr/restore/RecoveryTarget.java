package odoodr.restore;

import odoodr.postgres.ConfLiteral;
import odoodr.postgres.Lsn;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Where recovery stops. PostgreSQL ≥ 13 fails recovery when its target is not reached before the WAL ends
 * ("recovery ended before configured recovery target was reached"): a time after the standby's last replayed
 * commit has no commit to stop at, so it becomes the standby's replay position instead, which the copy's WAL sources
 * (archive and the standby's pg_wal) are known to reach. That position is the end of the standby's last replayed
 * record, and PostgreSQL stops an LSN target only after a record that starts at or past it: the setting names that
 * last record's start when it is known ({@link #stoppingAfter}), so recovery need not wait for a record not yet sent.
 *
 * @param time        the time asked for
 * @param lsn         set when the target is the standby's replay position rather than {@code time}
 * @param lastRecord  the start of the record that ends at {@code lsn}, when known
 */
public record RecoveryTarget(Instant time, Optional<Lsn> lsn, Optional<Lsn> lastRecord) {
    private static final DateTimeFormatter PG_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'")
            .withZone(ZoneOffset.UTC);

    /** The target for {@code at}, given the standby's last replayed commit and its replay position now. */
    public static RecoveryTarget plan(Instant at, Optional<Instant> lastReplayedCommit, Lsn standbyReplay) {
        boolean afterLastCommit = lastReplayedCommit.map(at::isAfter).orElse(true);
        return new RecoveryTarget(at, afterLastCommit ? Optional.of(standbyReplay) : Optional.empty(), Optional.empty());
    }

    /** This LSN target, stopping after the record that starts at {@code recordStart} (the one ending at {@link #lsn}). */
    public RecoveryTarget stoppingAfter(Optional<Lsn> recordStart) {
        return lsn.isEmpty() ? this : new RecoveryTarget(time, lsn, recordStart);
    }

    public boolean byLsn() {
        return lsn.isPresent();
    }

    /** The recovery_target_* line of postgresql.conf. */
    public String setting() {
        return lastRecord.or(() -> lsn).map(l -> "recovery_target_lsn = " + ConfLiteral.quote(l.toString())
                        + "\nrecovery_target_inclusive = on")
                .orElseGet(() -> "recovery_target_time = " + ConfLiteral.quote(PG_TIME.format(time)));
    }

    public String describe() {
        return lsn.map(l -> "the standby's replay position " + l + " (" + time
                        + " is after the standby's last replayed commit: nothing later to stop at)")
                .orElseGet(() -> "the last commit at or before " + time);
    }
}
