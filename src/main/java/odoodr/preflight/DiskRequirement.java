package odoodr.preflight;

/**
 * Whether the standby's file system can hold a copy of prod's cluster: prod's databases plus a margin for the WAL
 * written during the base backup and for growth (runbook: the seed is as big as prod). A data directory that setup
 * would replace counts as free, since its space comes back.
 *
 * @param prodBytes      {@code sum(pg_database_size(oid))} of every database on prod
 * @param usableBytes    usable space of the file system that will hold the data directory
 * @param replacedBytes  size of an existing data directory of this cluster (0 when none)
 */
record DiskRequirement(long prodBytes, long usableBytes, long replacedBytes) {
    static final int MARGIN_PERCENT = 10;

    long neededBytes() {
        return prodBytes + (prodBytes * MARGIN_PERCENT + 99) / 100;
    }

    long availableBytes() {
        return usableBytes + replacedBytes;
    }

    boolean sufficient() {
        return availableBytes() >= neededBytes();
    }

    long shortfallBytes() {
        return Math.max(0, neededBytes() - availableBytes());
    }
}
