package odoodr.filestore.sync;

import odoodr.config.Config;
import odoodr.filestore.FilestoreTransport;
import odoodr.filestore.SeedMarker;
import odoodr.filestore.SyncLock;
import odoodr.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The attachment-driven filestore sync (DESIGN.md §7): per pass and per database, the rows the standby has that the
 * mirror lacks, fetched in one rsync over one SSH connection, each file's sha1 checked before it counts. Files prod
 * does not have are asked for again with backoff and reported; nothing that happens to one file or one database
 * stops the loop. After each database's pass its {@link SyncStatus} goes to {@code statusSink} (the status file).
 *
 * <p>Built for production by {@link #open}; the constructor takes the parts, so tests can fake the standby and the
 * transport.
 */
public final class AttachmentSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");

    private final List<DatabaseMirror> mirrors = new ArrayList<>();
    private final Consumer<SyncStatus> statusSink;
    private final SyncSettings settings;

    public AttachmentSync(List<String> databases, Function<String, AttachmentSource> sources,
                          Function<String, Path> localDirs, FileFetcher fetcher, TransferLock lock,
                          Consumer<SyncStatus> statusSink, SyncSettings settings, Clock clock) {
        this(databases, sources, localDirs, fetcher, lock, statusSink, settings, clock, ResumeSource.NONE);
    }

    /** @param resume where each database's mirror starts ({@link ResumePoint}) */
    public AttachmentSync(List<String> databases, Function<String, AttachmentSource> sources,
                          Function<String, Path> localDirs, FileFetcher fetcher, TransferLock lock,
                          Consumer<SyncStatus> statusSink, SyncSettings settings, Clock clock, ResumeSource resume) {
        this.statusSink = statusSink;
        this.settings = settings;
        try {
            for (String db : databases) {
                mirrors.add(new DatabaseMirror(db, sources.apply(db), localDirs.apply(db), fetcher, lock, settings, clock,
                        resume));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The sync of every configured database: the standby read as the replication role, F1's transport (rsync as the
     * odoo user with the filestore key), the filestore's {@link SyncLock} around each transfer (waiting at most
     * {@code lockWait} for a seed or full pass, else the pass fails and the next one tries again), and the status
     * files in {@code statusDir}, from which each database also resumes (else from its seed marker).
     */
    public static AttachmentSync open(Config config, ProcessRunner runner, Path statusDir, Duration lockWait) {
        FilestoreTransport transport = new FilestoreTransport(config, runner);
        TransferLock lock = transfer -> {
            try (SyncLock held = SyncLock.acquire("attachment-driven sync", lockWait)) {
                return transfer.get();
            }
        };
        ResumeSource resume = new ResumeSource() {
            @Override
            public java.util.Optional<SeedMarker> seed(String database) {
                return SeedMarker.read(config.filestore().localBase(), database)
                        .filter(m -> m.standsFor(transport.localDir(database)));
            }

            @Override
            public java.util.Optional<SyncCursor> persisted(String database) {
                return SyncStatusFile.cursor(statusDir, database);
            }
        };
        return new AttachmentSync(config.databases(), db -> new StandbyAttachments(config, db), transport::localDir,
                transport::fetch, lock, new SyncStatusFile(statusDir),
                SyncSettings.withInterval(config.filestore().syncInterval()), Clock.systemUTC(), resume);
    }

    /** One pass over every database now; a database that fails is reported in its result, the others still run. */
    public List<PassResult> runPass() {
        List<PassResult> results = new ArrayList<>();
        for (DatabaseMirror mirror : mirrors) {
            PassResult r = mirror.pass();
            results.add(r);
            if (r.files() > 0 || !r.missingOnProd().isEmpty()) {
                LOG.info("filestore {}: {} files ({} bytes) in {} ms, {} missing on prod, backlog {}, {} asked of rsync",
                        r.database(), r.files(), r.bytes(), r.elapsed().toMillis(), r.missingOnProd().size(), r.backlog(),
                        r.requested());
            }
            try {
                statusSink.accept(mirror.status());
            } catch (RuntimeException e) {
                LOG.warn("filestore {}: cannot publish the sync status: {}", r.database(), e.getMessage());
            }
        }
        return results;
    }

    /**
     * The agent's loop: a pass every {@code settings.interval()} (measured from the start of one pass to the next;
     * a pass that takes longer is followed at once) until {@code keepGoing} says no or the thread is interrupted.
     * While {@code active} says no (the standby is down or promoted) passes are skipped, not the loop ended: the
     * sync resumes by itself when the standby is back.
     */
    public void runUntilStopped(BooleanSupplier keepGoing, BooleanSupplier active) {
        long period = settings.interval().toNanos();
        while (keepGoing.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            long start = System.nanoTime();
            if (active.getAsBoolean()) {
                try {
                    runPass();
                } catch (RuntimeException e) {
                    LOG.error("filestore: sync pass failed unexpectedly (the loop goes on): {}", e.toString(), e);
                }
            }
            long sleep = period - (System.nanoTime() - start);
            if (sleep > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(sleep).toMillis(), (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Per database, as of the end of its last pass. */
    public Map<String, SyncStatus> status() {
        Map<String, SyncStatus> out = new LinkedHashMap<>();
        for (DatabaseMirror m : mirrors) {
            out.put(m.database(), m.status());
        }
        return out;
    }

    @Override
    public void close() {
        for (DatabaseMirror m : mirrors) {
            try {
                m.close();
            } catch (RuntimeException e) {
                LOG.debug("filestore {}: closing: {}", m.database(), e.getMessage());
            }
        }
    }
}
