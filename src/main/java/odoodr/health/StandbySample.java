package odoodr.health;

import odoodr.postgres.Lsn;

import java.nio.file.Path;

/**
 * The standby's own view, read in one query as the replication role.
 *
 * @param cluster                  "15/main"
 * @param log                      the cluster's log file
 * @param inRecovery               {@code pg_is_in_recovery()}
 * @param receiverStatus           {@code pg_stat_wal_receiver.status}, null when no WAL receiver runs
 * @param sender                   host:port the receiver streams from, null when none
 * @param receiveLsn               {@code pg_last_wal_receive_lsn()}, null before any WAL was streamed
 * @param replayLsn                {@code pg_last_wal_replay_lsn()}
 * @param secondsSinceLastReplay   now() - {@code pg_last_xact_replay_timestamp()}, null before the first commit
 *                                 was replayed
 * @param secondsSinceLastMessage  now() - {@code pg_stat_wal_receiver.last_msg_receipt_time}, null without a
 *                                 receiver
 */
public record StandbySample(String cluster, Path log, boolean inRecovery, String receiverStatus, String sender,
                            Lsn receiveLsn, Lsn replayLsn, Double secondsSinceLastReplay,
                            Double secondsSinceLastMessage) {
    public boolean streaming() {
        return "streaming".equals(receiverStatus);
    }

    /** Everything received has been replayed (also true when prod is idle: no new WAL, nothing to replay). */
    public boolean replayCaughtUp() {
        return receiveLsn != null && replayLsn != null && !replayLsn.isBefore(receiveLsn);
    }
}
