package odoodr.filestore.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of one database that rows on the standby reference and the mirror does not hold yet, each with how
 * fetching it went, in the order they were first wanted. A file stops being wanted when it arrives intact or when
 * no row references it any more. Owned by one {@link DatabaseMirror}, which guards it.
 */
final class WantedFiles {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");

    private final String database;
    private final Map<String, PendingFile> files = new LinkedHashMap<>();

    WantedFiles(String database) {
        this.database = database;
    }

    boolean contains(String storeFname) {
        return files.containsKey(storeFname);
    }

    void want(AttachmentRow row, Instant now) {
        files.put(row.storeFname(), new PendingFile(row, now));
    }

    /** It arrived intact. */
    void arrived(String storeFname) {
        files.remove(storeFname);
    }

    int size() {
        return files.size();
    }

    /** Forgets every wanted file (the mirror starts again from another position). */
    void clear() {
        files.clear();
    }

    /** The lowest attachment id of a wanted file; {@code Long.MAX_VALUE} when none is wanted. */
    long lowestAttachmentId() {
        long lowest = Long.MAX_VALUE;
        for (PendingFile f : files.values()) {
            lowest = Math.min(lowest, f.attachmentId);
        }
        return lowest;
    }

    /** After every row was read: a wanted file that no row references any more was deleted on prod since. */
    void keepOnly(Set<String> stillWanted) {
        files.keySet().removeIf(name -> {
            boolean gone = !stillWanted.contains(name);
            if (gone) {
                LOG.info("filestore {}: {} is no longer referenced by any attachment: not wanted any more", database, name);
            }
            return gone;
        });
    }

    /** Wanted files whose turn it is; those that did not arrive before are first checked to be still referenced. */
    List<PendingFile> due(Instant now, AttachmentSource source) {
        List<PendingFile> due = new ArrayList<>();
        List<String> retries = new ArrayList<>();
        for (PendingFile f : files.values()) {
            if (f.isDue(now)) {
                due.add(f);
                if (f.failures > 0) {
                    retries.add(f.storeFname);
                }
            }
        }
        if (!retries.isEmpty()) {
            Set<String> referenced = source.stillReferenced(retries);
            for (String name : retries) {
                if (!referenced.contains(name)) {
                    LOG.info("filestore {}: {} did not arrive before and no attachment references it now: not wanted any more",
                            database, name);
                    files.remove(name);
                }
            }
            due.removeIf(f -> !files.containsKey(f.storeFname));
        }
        return due;
    }

    /**
     * The files that did not arrive, by why (each list at most {@link SyncStatus#MAX_LISTED}; those missing on prod
     * oldest first), and how many prod lacks.
     */
    record Failing(List<SyncStatus.FailingFile> missingOnProd, int missingOnProdCount,
                   List<SyncStatus.FailingFile> checksumMismatches, List<SyncStatus.FailingFile> transferFailures) {
    }

    Failing failing() {
        List<SyncStatus.FailingFile> missing = new ArrayList<>();
        List<SyncStatus.FailingFile> corrupt = new ArrayList<>();
        List<SyncStatus.FailingFile> transfer = new ArrayList<>();
        int missingCount = 0;
        for (PendingFile f : files.values()) {
            if (f.lastFailure == PendingFile.Failure.MISSING_ON_PROD) {
                missingCount++;
            }
            List<SyncStatus.FailingFile> list = f.lastFailure == null ? null : switch (f.lastFailure) {
                case MISSING_ON_PROD -> missing;
                case CHECKSUM_MISMATCH -> corrupt;
                case NOT_RECEIVED, TRANSFER_FAILED -> transfer;
            };
            if (list != null && list.size() < SyncStatus.MAX_LISTED) {
                list.add(new SyncStatus.FailingFile(f.storeFname, f.attachmentId, f.failures, f.firstSeen, f.nextAttempt,
                        f.lastError));
            }
        }
        missing.sort(Comparator.comparing(SyncStatus.FailingFile::firstSeen));
        return new Failing(missing, missingCount, corrupt, transfer);
    }
}
