package odoodr.filestore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.host.FileLock;
import odoodr.host.ServiceUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lock every filestore transfer holds (runbook gotchas 7 and 8): the seed, the full pass and the
 * attachment-driven fetch never run at once, in one process or several. It lives in the odoo user's home, not in
 * /run, so that odoo-dr running as odoo can take it too. Across processes it is a {@link FileLock}; inside this JVM
 * a reentrant lock in front of it lets a caller that holds it (sync --full over every database) call transfers that
 * take it again. The holder's pid and purpose in the file name it in the message of whoever has to wait.
 */
public final class SyncLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");
    public static final Path DEFAULT_FILE = ServiceUser.ODOO.home().resolve(".odoo-dr-sync.lock");

    private static final ReentrantLock IN_JVM = new ReentrantLock();
    private static FileLock fileLock;     // guarded by IN_JVM

    private boolean released;

    private SyncLock() {
    }

    /** Takes the lock, waiting at most {@code maxWait} for another holder; throws when it stays busy. */
    public static SyncLock acquire(String purpose, Duration maxWait) {
        return acquire(DEFAULT_FILE, ServiceUser.ODOO.name(), purpose, maxWait);
    }

    /** {@code owner}: the user (and group) a new lock file is given when we are root. */
    static SyncLock acquire(Path file, String owner, String purpose, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            if (!IN_JVM.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(file, purpose, maxWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrException(ExitCode.INTERNAL, "filestore: interrupted while waiting for " + file, null, e);
        }
        if (IN_JVM.getHoldCount() > 1) {
            return new SyncLock();
        }
        try {
            fileLock = lockFile(file, owner, purpose, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), maxWait);
            return new SyncLock();
        } catch (RuntimeException e) {
            IN_JVM.unlock();
            throw e;
        }
    }

    private static FileLock lockFile(Path file, String owner, String purpose, Duration left, Duration maxWait) {
        var newFile = new FileLock.NewFile("rw-r-----", Optional.of(owner));
        try {
            Optional<FileLock> lock = FileLock.acquire(file, purpose, Duration.ZERO, newFile);
            if (lock.isEmpty() && !left.isZero()) {
                LOG.info("filestore: {} waits for the sync lock, held by {}", purpose, holder(file));
                lock = FileLock.acquire(file, purpose, left, newFile);
            }
            return lock.orElseThrow(() -> busy(file, purpose, maxWait));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new DrException(ExitCode.INTERNAL, "filestore: interrupted while waiting for " + file, null, e);
            }
            throw new DrException(ExitCode.RSYNC, "filestore: cannot lock " + file + ": " + e.getMessage(),
                    "run odoo-dr setup --only filestore first (it creates " + file.getParent() + ")", e);
        }
    }

    private static DrException busy(Path file, String purpose, Duration waited) {
        return new DrException(ExitCode.PRECONDITION, "filestore: " + purpose + " cannot start: another filestore"
                + " transfer holds " + file + " (" + holder(file) + ") after " + waited.toSeconds() + " s",
                "a seed or full pass is running; wait for it to end, or check the process named in the lock file");
    }

    /** "pid 123, seed of odoo" as the holder wrote it, or "unknown holder". */
    static String holder(Path file) {
        return FileLock.holder(file).map(text -> text.split(" ", 2))
                .filter(parts -> parts.length == 2)
                .map(parts -> "pid " + parts[0] + ", " + parts[1])
                .orElse("unknown holder");
    }

    /** True while this JVM holds the lock (in any thread). */
    public static boolean heldHere() {
        return IN_JVM.isLocked();
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        if (IN_JVM.getHoldCount() == 1) {
            fileLock.close();
            fileLock = null;
        }
        IN_JVM.unlock();
    }
}
