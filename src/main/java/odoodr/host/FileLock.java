package odoodr.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive advisory lock on a whole file, shared with other processes: the kernel releases it when the holder
 * dies, so a crash never leaves a stale lock. The holder writes "{@code <pid>[ <purpose>]}" into the file, for the
 * message of whoever is refused and for the tools that stop it by pid.
 *
 * <p>POSIX record locks belong to the process, not to a descriptor: closing <em>any</em> descriptor of a locked file
 * drops every lock this process holds on it. So nobody in this JVM may open a held lock file, not even to test or to
 * read it. Every open and close of a lock file goes through this class, under one monitor, and a file held here is
 * answered from memory. Inside the JVM the lock is not reentrant: a second acquire of a file held here waits like
 * any other process would.
 */
public final class FileLock implements AutoCloseable {
    /** A wait that ends only when the lock is free. */
    public static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Lock files held by this JVM, with what their holder wrote into them. Guarded by the class monitor. */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private boolean released;

    private FileLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * How a lock file that does not exist yet is created: its mode and, when set (and we are root), its owner and
     * group, so that odoo-dr running as that user can take the lock too.
     */
    public record NewFile(String mode, Optional<String> owner) {
        public static final NewFile DEFAULT = new NewFile("rw-r--r--", Optional.empty());
    }

    /** Takes the lock if nobody (in this process or another) holds it; never waits. */
    public static Optional<FileLock> tryAcquire(Path file, String purpose) throws IOException {
        return acquire(file, purpose, Duration.ZERO, NewFile.DEFAULT);
    }

    /**
     * Takes the lock, waiting at most {@code maxWait} for the holder to let go; empty when it is still held then.
     * {@code purpose} ("" for none) follows the pid in the file.
     *
     * @throws IOException when the file cannot be created or opened (e.g. its directory is missing)
     */
    public static Optional<FileLock> acquire(Path file, String purpose, Duration maxWait, NewFile newFile)
            throws IOException {
        long start = System.nanoTime();
        while (true) {
            Optional<FileLock> lock = tryOnce(file, purpose.isEmpty() ? pid() : pid() + " " + purpose, newFile);
            if (lock.isPresent() || System.nanoTime() - start >= maxWait.toNanos()) {
                return lock;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the lock on " + file, e);
            }
        }
    }

    private static synchronized Optional<FileLock> tryOnce(Path file, String holder, NewFile newFile) throws IOException {
        if (HELD_HERE.containsKey(file)) {
            return Optional.empty();
        }
        FileChannel channel = openOrCreate(file, newFile);
        try {
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // cannot happen behind HELD_HERE; treat as busy
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        HELD_HERE.put(file, holder);
        return Optional.of(new FileLock(file, channel));
    }

    /**
     * The lock file, opened read-write without following a link: lock files live in directories service users own
     * (~postgres, ~odoo), where a planted link would make root truncate and chown a file of the planter's choosing.
     */
    private static FileChannel openOrCreate(Path file, NewFile newFile) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        try (GuardedDirectory dir = GuardedDirectory.open(abs.getParent(), newFile.owner())) {
            if (dir.regularFileOrNothing(name).isPresent()) {
                return dir.openExisting(name);
            }
            Set<PosixFilePermission> mode = PosixFilePermissions.fromString(newFile.mode());
            FileChannel created;
            try {
                created = dir.createNew(name, mode);
            } catch (FileAlreadyExistsException raced) {
                return dir.openExisting(name); // another process created it first: use theirs
            }
            try {
                dir.setModeAndOwner(name, mode, ServiceUser.runningAsRoot() ? newFile.owner() : Optional.empty());
            } catch (IOException | RuntimeException e) {
                created.close();
                dir.deleteFile(name); // unlocked and ours: a lock file without its owner would lock that user out
                throw e;
            }
            return created;
        }
    }

    /** True when a process holds the lock on {@code file}, this one included. Never disturbs a lock held here. */
    public static synchronized boolean held(Path file) {
        if (HELD_HERE.containsKey(file)) {
            return true; // opening it here would release it
        }
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        try (GuardedDirectory dir = GuardedDirectory.openForReading(abs.getParent())) {
            if (dir.regularFileOrNothing(name).isEmpty()) {
                return false;
            }
            try (FileChannel ch = dir.openExisting(name, StandardOpenOption.WRITE); var lock = ch.tryLock()) {
                return lock == null;
            }
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    /** True while this JVM holds the lock on {@code file} (in any thread). */
    public static boolean heldHere(Path file) {
        return HELD_HERE.containsKey(file);
    }

    /** What the holder wrote ("{@code <pid>[ <purpose>]}"), or empty when the file is missing or blank. */
    public static synchronized Optional<String> holder(Path file) {
        String here = HELD_HERE.get(file);
        if (here != null) {
            return Optional.of(here); // reading the file would open (and close) it
        }
        try {
            return AtomicFile.readIfExists(file).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
                    .filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The pid the holder wrote, or empty when the file is missing or names none. */
    public static Optional<Long> holderPid(Path file) {
        return holder(file).map(text -> text.split(" ", 2)[0]).flatMap(pid -> {
            try {
                return Optional.of(Long.parseLong(pid));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public Path file() {
        return file;
    }

    /** Removes the file, then lets go: whoever looks for the owner afterwards finds no file. */
    public void deleteAndRelease() {
        Path abs = file.toAbsolutePath().normalize();
        try (GuardedDirectory dir = GuardedDirectory.openForReading(abs.getParent())) {
            dir.deleteFile(abs.getFileName().toString()); // the name only: never a file a link points to
        } catch (IOException | RuntimeException ignored) {
            // an empty, unlocked file left behind is harmless
        }
        close();
    }

    @Override
    public void close() {
        synchronized (FileLock.class) {
            if (released) {
                return;
            }
            released = true;
            HELD_HERE.remove(file);
            try {
                channel.close(); // releases the lock with it
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    private static String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }
}
