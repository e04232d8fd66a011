package odoodr.filestore;

import odoodr.DrException;
import odoodr.config.Config;
import odoodr.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The safety net (runbook gotcha 7): a full rsync of every database's filestore, never deleting. One round takes
 * every database in turn under one hold of the {@link SyncLock}, so no other transfer slips in between them; a
 * database whose pass fails does not keep the others from theirs. {@code sync --full} runs one round, the agent one
 * every {@code filestore.full_sync_interval}.
 */
public final class FullPass {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");

    /** Hears how each database's pass ended. */
    public interface Listener {
        void passed(String database, TransferResult result);

        void failed(String database, DrException error);
    }

    private final List<String> databases;
    private final FilestoreTransport transport;
    private final Duration every;

    public FullPass(Config config, ProcessRunner runner) {
        this(config.databases(), new FilestoreTransport(config, runner), config.filestore().fullSyncInterval());
    }

    FullPass(List<String> databases, FilestoreTransport transport, Duration every) {
        this.databases = List.copyOf(databases);
        this.transport = transport;
        this.every = every;
    }

    /**
     * One round over every database.
     *
     * @param purpose what the lock file names as its holder (e.g. "sync --full")
     * @return how many databases' passes failed
     * @throws DrException when the sync lock stays busy for {@link FilestoreTransport#LOCK_WAIT}
     */
    public int runOnce(String purpose, Listener listener) {
        int failures = 0;
        try (SyncLock lock = SyncLock.acquire(purpose, FilestoreTransport.LOCK_WAIT)) {
            for (String database : databases) {
                try {
                    listener.passed(database, transport.fullPass(database));
                } catch (DrException e) {
                    failures++;
                    listener.failed(database, e);
                }
            }
        }
        return failures;
    }

    /**
     * A round every interval (the first after one interval: setup has just seeded) until {@code keepGoing} says stop
     * or the thread is interrupted, skipped while {@code active} says no (the standby is down or promoted). Failures
     * are logged and retried at the next round, never fatal.
     */
    public void runUntilStopped(BooleanSupplier keepGoing, BooleanSupplier active) {
        Listener log = new Listener() {
            @Override
            public void passed(String database, TransferResult r) {
                LOG.info("filestore {}: full pass: {} files, {} bytes in {} s", database, r.files(), r.bytes(),
                        r.elapsed().toSeconds());
            }

            @Override
            public void failed(String database, DrException e) {
                LOG.warn("filestore {}: full pass failed (next in {}): {}", database, every, e.getMessage());
            }
        };
        while (keepGoing.getAsBoolean()) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!keepGoing.getAsBoolean() || !active.getAsBoolean()) {
                continue;
            }
            try {
                runOnce("agent full pass", log);
            } catch (DrException e) {
                LOG.warn("filestore: full pass failed (next in {}): {}", every, e.getMessage());
            }
        }
    }
}
