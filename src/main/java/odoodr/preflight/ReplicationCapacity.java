package odoodr.preflight;

/**
 * Room on prod for one more consumer of a limited resource ({@code max_wal_senders}, {@code max_replication_slots}):
 * the limit, how many are held by others (this replica's own sender or slot is not counted: setup reuses it), and
 * how many setup needs.
 */
record ReplicationCapacity(int limit, int usedByOthers, int needed) {
    /**
     * pg_basebackup -Xs holds two walsenders at once: one sends the files, the other streams the WAL written
     * meanwhile. After the backup the standby needs one.
     */
    static final int SENDERS_NEEDED = 2;
    /** One physical slot per replica (gotcha 15). */
    static final int SLOTS_NEEDED = 1;

    ReplicationCapacity {
        if (limit < 0 || usedByOthers < 0 || needed < 0) {
            throw new IllegalArgumentException("negative capacity: " + limit + "/" + usedByOthers + "/" + needed);
        }
    }

    static ReplicationCapacity walSenders(int maxWalSenders, int sendersOfOthers) {
        return new ReplicationCapacity(maxWalSenders, sendersOfOthers, SENDERS_NEEDED);
    }

    static ReplicationCapacity slots(int maxReplicationSlots, int slotsOfOthers) {
        return new ReplicationCapacity(maxReplicationSlots, slotsOfOthers, SLOTS_NEEDED);
    }

    /** Never negative: others may hold more than the limit after it was lowered. */
    int free() {
        return Math.max(0, limit - usedByOthers);
    }

    boolean sufficient() {
        return free() >= needed;
    }

    /** The smallest limit that leaves room for setup. */
    int minimumLimit() {
        return usedByOthers + needed;
    }
}
