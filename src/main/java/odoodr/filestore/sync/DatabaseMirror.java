package odoodr.filestore.sync;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.filestore.TransferResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The attachment-driven mirror of one database: its catalog on the standby, its local index, and the files still
 * wanted ({@link WantedFiles}); a pass fetches the wanted files whose turn it is and checks each against its row. A pass costs what the new rows and the wanted files cost: no walk of the tree, no listing of prod.
 *
 * <p>Its first pass starts where {@link ResumePoint} says (what an earlier process persisted, else after what the
 * seed covered); the mirror is walked only before a pass that reads every row, which needs to know every file here.
 * When a seed finishes while the mirror runs (the agent started by setup, the seed still copying), the mirror starts
 * again after that seed: checked at every pass and, under the transfer lock, before every transfer, so a fetch
 * that waited for the seed's lock never asks rsync again for what the seed has just copied.
 */
final class DatabaseMirror {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");
    /** A failed transfer (ssh down, an unreadable file) delays its files by at most this, whatever the cause. */
    static final Duration MAX_TRANSFER_BACKOFF = Duration.ofMinutes(1);

    private final String database;
    private final AttachmentSource source;
    private final AttachmentCatalog catalog;
    private final Path localDir;
    private final FileFetcher fetcher;
    private final TransferLock lock;
    private final SyncSettings settings;
    private final Clock clock;
    private final WantedFiles wanted;
    private final MirrorOrigin origin;
    private LocalIndex index;
    /** Whether {@link #index} came from a walk of the mirror (else it holds only what this process saw arrive). */
    private boolean indexWalked;
    private long filesFetched;
    private long bytesFetched;
    private Instant lastSuccess;
    private Instant lastAttempt;
    private String lastError;

    DatabaseMirror(String database, AttachmentSource source, Path localDir, FileFetcher fetcher, TransferLock lock,
                   SyncSettings settings, Clock clock, ResumeSource resume) {
        this.origin = new MirrorOrigin(database, resume);
        this.database = database;
        this.source = source;
        this.localDir = localDir;
        this.fetcher = fetcher;
        this.lock = lock;
        this.settings = settings;
        this.clock = clock;
        this.wanted = new WantedFiles(database);
        this.catalog = new AttachmentCatalog(database, source, settings.pageSize(), settings.fullRereadInterval(),
                settings.maxHorizonLag(), clock);
    }

    String database() {
        return database;
    }

    synchronized PassResult pass() {
        long start = System.nanoTime();
        Instant now = clock.instant();
        PassCounts counts = new PassCounts();
        String error = null;
        ExitCode errorCode = null;
        AttachmentCatalog.Scan scan = null;
        boolean rebased = false;
        try {
            if (!origin.started()) {
                startAt(origin.begin(now));
            } else if (origin.seedChanged()) {
                startAt(origin.afterNewSeed(now));
            }
            if (!indexWalked && catalog.nextScanIsFull(now)) {
                index = LocalIndex.scan(localDir); // from here on the index follows what the sync fetches
                indexWalked = true;
            }
            scan = readCatalog(now);
            List<PendingFile> due = wanted.due(now, source);
            List<PendingFile> toFetch = new ArrayList<>();
            for (PendingFile f : due) {
                if (presentAndIntact(f, now, counts)) {
                    counts.alreadyPresent++;
                } else if (f.isDue(now)) {
                    toFetch.add(f);
                }
            }
            // Files asked for before travel apart from new ones: a file that breaks its transfer (unreadable on
            // prod, say) then delays new files by one pass at most, and only itself after that.
            List<PendingFile> fresh = toFetch.stream().filter(f -> f.failures == 0).toList();
            List<PendingFile> retries = toFetch.stream().filter(f -> f.failures > 0).toList();
            for (List<PendingFile> chunk : settings.chunks(fresh)) {
                DrException failed = tryFetch(chunk, counts);
                if (failed != null) {
                    markTransferFailed(chunk, failed);
                    throw failed; // the link or prod is down, most likely: the retries would fail the same way
                }
            }
            for (List<PendingFile> chunk : settings.chunks(retries)) {
                DrException failed = tryFetch(chunk, counts);
                if (failed != null) {
                    isolate(chunk, failed, counts);
                }
            }
        } catch (MirrorOrigin.SeedFinished e) {
            startAt(origin.afterNewSeed(clock.instant()));
            rebased = true;
        } catch (IOException | RuntimeException e) {
            error = e instanceof DrException ? e.getMessage() : e.toString();
            errorCode = e instanceof DrException dr ? dr.exitCode() : ExitCode.INTERNAL;
            LOG.warn("filestore {}: pass failed: {}", database, error);
        }
        Instant end = clock.instant();
        lastAttempt = end;
        lastError = error;
        if (error == null) {
            lastSuccess = end;
        }
        PassResult result = new PassResult(database, counts.files, counts.bytes,
                Duration.ofNanos(System.nanoTime() - start), scan != null && scan.full(),
                scan == null ? 0 : scan.rowsRead(), counts.alreadyPresent, counts.requested, counts.missingOnProd,
                counts.checksumMismatches, wanted.size(), error, errorCode);
        if (!rebased && error == null) {
            origin.firstPassDone(result);
        }
        return result;
    }

    /** Positions the catalog where {@code from} says, forgets what was wanted; the mirror is walked only if needed. */
    private void startAt(SyncCursor from) {
        catalog.resume(from);
        wanted.clear();
        index = new LocalIndex();
        indexWalked = false;
    }

    private AttachmentCatalog.Scan readCatalog(Instant now) {
        Set<String> stillWanted = new HashSet<>();
        AttachmentCatalog.Scan scan = catalog.scan(row -> {
            String name = row.storeFname();
            if (wanted.contains(name)) {
                stillWanted.add(name);
            } else if (!index.contains(name)) {
                wanted.want(row, now);
                stillWanted.add(name);
            }
        });
        if (scan.full()) {
            wanted.keepOnly(stillWanted);
        }
        return scan;
    }

    /** A wanted file that is on disk already (a full pass or the seed brought it): indexed once its sha1 is right. */
    private boolean presentAndIntact(PendingFile f, Instant now, PassCounts counts) throws IOException {
        Path file = localDir.resolve(f.storeFname);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (checkDigest(f, file, now, counts) >= 0) {
            return true;
        }
        f.nextAttempt = now; // removed as corrupt: fetch it again in this pass
        return false;
    }

    /**
     * Finds the file(s) that break a transfer of retries by halving it: one bad file costs about 2·log2(n) small
     * transfers, once, and the others arrive. When both halves fail the cause is not one file: all of them wait.
     */
    private void isolate(List<PendingFile> files, DrException failure, PassCounts counts) throws IOException {
        if (files.size() == 1) {
            markTransferFailed(files, failure);
            LOG.warn("filestore {}: {} (attachment {}) cannot be transferred: {}", database, files.get(0).storeFname,
                    files.get(0).attachmentId, failure.getMessage());
            return;
        }
        List<PendingFile> a = files.subList(0, files.size() / 2);
        List<PendingFile> b = files.subList(files.size() / 2, files.size());
        DrException failedA = tryFetch(a, counts);
        DrException failedB = tryFetch(b, counts);
        if (failedA != null && failedB != null) {
            markTransferFailed(a, failedA);
            markTransferFailed(b, failedB);
            return;
        }
        if (failedA != null) {
            isolate(a, failedA, counts);
        }
        if (failedB != null) {
            isolate(b, failedB, counts);
        }
    }

    private void markTransferFailed(List<PendingFile> files, DrException failure) {
        Instant now = clock.instant();
        RetryBackoff backoff = new RetryBackoff(settings.backoff().first(),
                settings.backoff().max().compareTo(MAX_TRANSFER_BACKOFF) < 0 ? settings.backoff().max() : MAX_TRANSFER_BACKOFF);
        files.forEach(f -> f.failed(PendingFile.Failure.TRANSFER_FAILED, failure.getMessage(), now, backoff));
    }

    /** One transfer, its files checked; returns its failure instead of throwing it. */
    private DrException tryFetch(List<PendingFile> chunk, PassCounts counts) throws IOException {
        List<String> names = chunk.stream().map(f -> f.storeFname).toList();
        TransferResult result;
        try {
            result = lock.holding(() -> {
                if (origin.seedChanged()) {
                    throw new MirrorOrigin.SeedFinished();
                }
                return fetcher.fetch(database, names);
            });
        } catch (DrException e) {
            return e;
        }
        counts.requested += names.size();
        Set<String> missing = new HashSet<>(result.missingOnProd());
        Instant now = clock.instant();
        for (PendingFile f : chunk) {
            if (missing.contains(f.storeFname)) {
                f.failed(PendingFile.Failure.MISSING_ON_PROD, now, settings.backoff());
                counts.missingOnProd.add(f.storeFname);
                if (f.failures == 1) {
                    LOG.warn("filestore {}: {} (attachment {}) is missing on prod; asking again with backoff",
                            database, f.storeFname, f.attachmentId);
                }
                continue;
            }
            Path file = localDir.resolve(f.storeFname);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                f.failed(PendingFile.Failure.NOT_RECEIVED, now, settings.backoff());
                LOG.warn("filestore {}: {} was asked for but did not arrive", database, f.storeFname);
                continue;
            }
            long size = checkDigest(f, file, now, counts);
            if (size >= 0) {
                counts.files++;
                counts.bytes += size;
                filesFetched++;
                bytesFetched += size;
            }
        }
        return null;
    }

    /**
     * Indexes the file if its sha1 is the row's; else deletes it (a corrupt file must not pass for a mirrored one)
     * and schedules it again. Returns its size, or -1 when it was wrong.
     */
    private long checkDigest(PendingFile f, Path file, Instant now, PassCounts counts) throws IOException {
        String actual;
        long size;
        try {
            size = Files.size(file);
            actual = FileDigest.sha1Hex(file);
        } catch (NoSuchFileException e) {
            f.failed(PendingFile.Failure.NOT_RECEIVED, now, settings.backoff());
            return -1;
        }
        if (actual.equals(f.expectedSha1)) {
            index.add(f.storeFname);
            wanted.arrived(f.storeFname);
            return size;
        }
        LOG.warn("filestore {}: {} (attachment {}) has sha1 {} instead of {}: deleted, fetched again later",
                database, f.storeFname, f.attachmentId, actual, f.expectedSha1);
        Files.deleteIfExists(file);
        f.failed(PendingFile.Failure.CHECKSUM_MISMATCH, now, settings.backoff());
        counts.checksumMismatches++;
        return -1;
    }

    synchronized SyncStatus status() {
        WantedFiles.Failing failing = wanted.failing();
        return new SyncStatus(database, lastSuccess, lastAttempt, lastError, filesFetched, bytesFetched,
                index == null ? 0 : index.size(), wanted.size(), failing.missingOnProdCount(), failing.missingOnProd(),
                failing.checksumMismatches(), failing.transferFailures(), catalog.rejected(),
                !origin.started() ? null : catalog.cursor(origin.seed(), wanted.lowestAttachmentId() - 1));
    }

    void close() {
        source.close();
    }

}
