package odoodr.filestore.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attachment-driven sync of one database, as health checks and {@code status} see it. Immutable; lists are
 * capped at {@value #MAX_LISTED} entries, the counts are not. Written to the state file by {@link SyncStatusFile}.
 *
 * @param lastSuccessfulPass end of the last pass that read the standby and transferred without error (null: none)
 * @param lastAttempt        end of the last pass, successful or not
 * @param lastError          why the last pass failed, null when it succeeded
 * @param filesFetched       files fetched and sha1-checked since the sync started
 * @param bytesFetched       their bytes
 * @param filesIndexed       files the mirror holds (the local index)
 * @param backlog            files that rows reference and the mirror does not hold yet (missing on prod included)
 * @param missingOnProdCount files prod did not have when asked (retried with backoff)
 * @param missingOnProd      those files (at most {@value #MAX_LISTED})
 * @param checksumMismatches files that arrived with another sha1 than the row's checksum (deleted, retried)
 * @param transferFailures   files whose last transfer failed or that did not arrive (retried within a minute)
 * @param refused            rows whose store_fname is not a filestore name: id → store_fname (never fetched)
 * @param cursor             how far the sync got, for the next process to resume from (null before its first pass)
 */
public record SyncStatus(String database, Instant lastSuccessfulPass, Instant lastAttempt, String lastError,
                         long filesFetched, long bytesFetched, long filesIndexed, int backlog, int missingOnProdCount,
                         List<FailingFile> missingOnProd, List<FailingFile> checksumMismatches,
                         List<FailingFile> transferFailures, Map<Long, String> refused, SyncCursor cursor) {
    public static final int MAX_LISTED = 1000;

    /** A file that did not arrive: which attachment wants it, how often it was asked for, when next, and why not. */
    public record FailingFile(String storeFname, long attachmentId, int attempts, Instant firstSeen,
                              Instant nextAttempt, String lastError) {
    }

    public SyncStatus {
        missingOnProd = List.copyOf(missingOnProd);
        checksumMismatches = List.copyOf(checksumMismatches);
        transferFailures = List.copyOf(transferFailures);
        refused = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }

    public static SyncStatus notStarted(String database) {
        return new SyncStatus(database, null, null, null, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), Map.of(), null);
    }
}
