package odoodr.health;

/**
 * Prod's view of this replica, read through the permanent tunnel as the replication role (pg_monitor).
 *
 * @param applicationName        this standby's application_name
 * @param slotName               this replica's slot
 * @param replication            its row in {@code pg_stat_replication}, null when there is none
 * @param slot                   its row in {@code pg_replication_slots}, null when the slot does not exist
 * @param maxSlotWalKeepSizeBytes prod's {@code max_slot_wal_keep_size} in bytes, -1 for unlimited, null before
 *                               PostgreSQL 13
 */
public record PrimarySample(String applicationName, String slotName, ReplicationRow replication, SlotRow slot,
                            Long maxSlotWalKeepSizeBytes) {

    /**
     * @param replayBehindBytes {@code pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)}, null before the standby
     *                          reported a replay position
     */
    public record ReplicationRow(String state, String syncState, Long replayBehindBytes) {
    }

    /**
     * @param retainedBytes  {@code pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)}, null without restart_lsn
     * @param walStatus      reserved / extended / unreserved / lost; null before PostgreSQL 13
     * @param safeWalSizeBytes WAL prod may still write before the slot is lost; null when unlimited or lost
     */
    public record SlotRow(boolean active, Long retainedBytes, String walStatus, Long safeWalSizeBytes) {
    }
}
