package odoodr.filestore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.host.ServiceUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lock every filestore transfer holds (runbook gotchas 7 and 8): the seed, the full pass and the
 * attachment-driven fetch never run at once, in one process or several. It lives in the odoo user's home, not in
 * /run, so that odoo-dr running as odoo can take it too. Across processes it is an advisory lock on the whole file,
 * released by the kernel when the holder dies; inside this JVM a reentrant lock in front of it lets a caller that
 * holds it (sync --full over every database) call transfers that take it again. The holder writes its pid and
 * purpose into the file, for the message of whoever has to wait.
 */
public final class SyncLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");
    public static final Path DEFAULT_FILE = ServiceUser.ODOO.home().resolve(".odoo-dr-sync.lock");
    private static final Duration POLL = Duration.ofMillis(200);

    private static final ReentrantLock IN_JVM = new ReentrantLock();
    private static FileChannel channel;   // guarded by IN_JVM
    private static FileLock fileLock;     // guarded by IN_JVM

    private boolean released;

    private SyncLock() {
    }

    /** Takes the lock, waiting at most {@code maxWait} for another holder; throws when it stays busy. */
    public static SyncLock acquire(String purpose, Duration maxWait) {
        return acquire(DEFAULT_FILE, purpose, maxWait);
    }

    static SyncLock acquire(Path file, String purpose, Duration maxWait) {
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
            lockFile(file, purpose, deadline, maxWait);
            return new SyncLock();
        } catch (RuntimeException e) {
            IN_JVM.unlock();
            throw e;
        }
    }

    private static void lockFile(Path file, String purpose, long deadline, Duration maxWait) {
        boolean logged = false;
        try {
            channel = open(file);
            while (true) {
                try {
                    fileLock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    fileLock = null; // cannot happen behind IN_JVM; treat as busy
                }
                if (fileLock != null) {
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    throw busy(file, purpose, maxWait);
                }
                if (!logged) {
                    LOG.info("filestore: {} waits for the sync lock, held by {}", purpose, holder(file));
                    logged = true;
                }
                Thread.sleep(POLL.toMillis());
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + purpose + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            closeChannel();
            throw new DrException(ExitCode.RSYNC, "filestore: cannot lock " + file + ": " + e.getMessage(),
                    "run odoo-dr setup --only filestore first (it creates " + file.getParent() + ")", e);
        } catch (InterruptedException e) {
            closeChannel();
            Thread.currentThread().interrupt();
            throw new DrException(ExitCode.INTERNAL, "filestore: interrupted while waiting for " + file, null, e);
        } catch (DrException e) {
            closeChannel();
            throw e;
        }
    }

    /** Opens (creating 0640, owned by odoo when we are root) the lock file; odoo-dr running as odoo can lock it too. */
    private static FileChannel open(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
                if (ServiceUser.runningAsRoot()) {
                    var lookup = file.getFileSystem().getUserPrincipalLookupService();
                    var view = Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class);
                    view.setGroup(lookup.lookupPrincipalByGroupName(ServiceUser.ODOO.name()));
                    view.setOwner(lookup.lookupPrincipalByName(ServiceUser.ODOO.name()));
                }
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            }
        }
        return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static DrException busy(Path file, String purpose, Duration waited) {
        return new DrException(ExitCode.PRECONDITION, "filestore: " + purpose + " cannot start: another filestore"
                + " transfer holds " + file + " (" + holder(file) + ") after " + waited.toSeconds() + " s",
                "a seed or full pass is running; wait for it to end, or check the process named in the lock file");
    }

    /** "pid 123 (seed of odoo)" as the holder wrote it, or "unknown holder". */
    static String holder(Path file) {
        try {
            String[] text = Files.readString(file).strip().split(" ", 2);
            return text.length == 2 ? "pid " + text[0] + ", " + text[1] : "unknown holder";
        } catch (IOException e) {
            return "unknown holder";
        }
    }

    private static void closeChannel() {
        try {
            if (channel != null) {
                channel.close(); // releases the file lock with it
            }
        } catch (IOException e) {
            LOG.debug("filestore: closing the lock file: {}", e.getMessage());
        } finally {
            channel = null;
            fileLock = null;
        }
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
            closeChannel();
        }
        IN_JVM.unlock();
    }
}
