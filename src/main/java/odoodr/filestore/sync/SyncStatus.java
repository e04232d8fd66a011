package odoodr.filestore.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attachment-driven sync of one database, as health checks and {@code status} see it. Immutable; lists are
 * capped at {@value #MAX_LISTED} entries, the counts are not.
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
 */
public record SyncStatus(String database, Instant lastSuccessfulPass, Instant lastAttempt, String lastError,
                         long filesFetched, long bytesFetched, long filesIndexed, int backlog, int missingOnProdCount,
                         List<FailingFile> missingOnProd, List<FailingFile> checksumMismatches,
                         List<FailingFile> transferFailures, Map<Long, String> refused) {
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
        return new SyncStatus(database, null, null, null, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), Map.of());
    }

    /**
     * The document of {@code /var/lib/odoo-dr/filestore-<db>.json}: the keys of {@code odoodr.health}'s
     * {@code FilestoreSyncStateFile} schema 1 (what {@code status} reads), then this sync's own details, which
     * readers that do not know them ignore.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", 1);
        m.put("database", database);
        m.put("last_success", text(lastSuccessfulPass));
        m.put("last_attempt", text(lastAttempt));
        m.put("last_error", lastError);
        m.put("backlog", backlog);
        m.put("missing_on_prod", missingOnProdCount);
        m.put("files_fetched", filesFetched);
        m.put("bytes_fetched", bytesFetched);
        m.put("files_indexed", filesIndexed);
        m.put("missing_on_prod_files", missingOnProd.stream().map(SyncStatus::json).toList());
        m.put("checksum_mismatches", checksumMismatches.stream().map(SyncStatus::json).toList());
        m.put("transfer_failures", transferFailures.stream().map(SyncStatus::json).toList());
        m.put("refused_store_fnames", refused.entrySet().stream().map(e -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("attachment_id", e.getKey());
            r.put("store_fname", StoreFname.printable(e.getValue()));
            return r;
        }).toList());
        return m;
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Map<String, Object> json(FailingFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store_fname", f.storeFname());
        m.put("attachment_id", f.attachmentId());
        m.put("attempts", f.attempts());
        m.put("first_seen", text(f.firstSeen()));
        m.put("next_attempt", text(f.nextAttempt()));
        m.put("last_error", f.lastError());
        return m;
    }
}
