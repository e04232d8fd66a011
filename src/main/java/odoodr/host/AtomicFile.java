package odoodr.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces a file's content all at once: readers see the old file or the new one, never a mix, and a crash leaves one
 * of the two on disk. The content goes to a temporary file in the same directory, created exclusively with its final
 * permissions (so a secret is never readable by others, not even for a moment), flushed to disk, given its mode and
 * owner, then renamed over the target; the directory is flushed so the rename itself survives a crash.
 *
 * <p>Root writes here into directories service users own (~postgres/.pgpass, known_hosts, postgresql.auto.conf, the
 * seed marker), so everything goes through {@link GuardedDirectory}: no link is followed, and a target or temporary
 * file that is a link, a FIFO or anything but a regular file is refused, never written, chowned or read through.
 */
public final class AtomicFile {
    /** {@code 0600}: what libpq demands of a password file, and what PostgreSQL gives its data directory files. */
    public static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    /** {@code 0644}: a setting file anyone may read (PostgreSQL's own files in /etc/postgresql). */
    public static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    /** {@code 0755}: a directory of such files. */
    public static final Set<PosixFilePermission> WORLD_READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    /** The largest file {@link #readIfExists} reads: every file odoo-dr reads this way is a few KiB. */
    static final int READ_LIMIT = 1 << 20;

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code target}.
     *
     * @param target      the file; refused when it (or a directory on its path that another user could change) is
     *                    a symbolic link, or when it is not a regular file
     * @param content     the new bytes
     * @param permissions mode of the new file, applied at creation
     * @param owner       OS user to own the new file (its group becomes the group of the same name, when there is
     *                    one), who may also own the directory; changing the owner needs root
     */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions, Optional<String> owner)
            throws IOException {
        Path file = target.toAbsolutePath().normalize();
        String name = file.getFileName().toString();
        try (GuardedDirectory dir = GuardedDirectory.open(file.getParent(), owner)) {
            dir.regularFileOrNothing(name);
            String tmp = temporaryName(name);
            boolean moved = false;
            try (FileChannel channel = createTemporary(dir, tmp, permissions)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
                dir.setModeAndOwner(tmp, permissions, owner);
                dir.rename(tmp, name); // renameat in the directory held open: atomic, and never through a link
                moved = true;
                dir.sync();
            } finally {
                if (!moved) {
                    dir.deleteFile(tmp);
                }
            }
        }
    }

    /** The temporary file's name: one per thread and process, so concurrent writers never share one. */
    static String temporaryName(String name) {
        return "." + name + "." + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + ".tmp";
    }

    private static FileChannel createTemporary(GuardedDirectory dir, String tmp, Set<PosixFilePermission> permissions)
            throws IOException {
        try {
            return dir.createNew(tmp, permissions);
        } catch (FileAlreadyExistsException leftover) {
            // a crash of an earlier process with this pid left it: a regular file is ours to remove, anything else
            // (a link, a FIFO) was planted and is refused
            dir.regularFileOrNothing(tmp);
            dir.deleteFile(tmp);
            return dir.createNew(tmp, permissions);
        }
    }

    /**
     * The content of {@code file}, read without following a link (a link, a FIFO or another non-regular file is
     * refused rather than read or waited on); empty when there is no such file.
     */
    public static Optional<byte[]> readIfExists(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        try (GuardedDirectory dir = GuardedDirectory.openForReading(abs.getParent())) {
            Optional<PosixFileAttributes> attributes = dir.regularFileOrNothing(name);
            if (attributes.isEmpty()) {
                return Optional.empty();
            }
            if (attributes.get().size() > READ_LIMIT) {
                throw new IOException(abs + " is larger than " + READ_LIMIT + " bytes");
            }
            try (FileChannel channel = dir.openExisting(name, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(READ_LIMIT + 1);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // keep reading until end of file or the limit
                }
                if (!buffer.hasRemaining()) {
                    throw new IOException(abs + " is larger than " + READ_LIMIT + " bytes");
                }
                byte[] bytes = new byte[buffer.position()];
                buffer.flip().get(bytes);
                return Optional.of(bytes);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty(); // its directory does not exist either
        }
    }

    /**
     * Makes {@code osUser} (and the group of the same name, if any) own {@code file}, a regular file or a directory;
     * a link is refused, never followed.
     */
    public static void setOwner(Path file, String osUser) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        try (GuardedDirectory dir = GuardedDirectory.open(abs.getParent(), Optional.of(osUser))) {
            PosixFileAttributes a = dir.stat(name).orElseThrow(() -> new NoSuchFileException(abs.toString()));
            if (a.isDirectory()) {
                try (GuardedDirectory sub = dir.subdirectory(name)) {
                    sub.setModeAndOwner(a.permissions(), Optional.of(osUser));
                }
            } else {
                dir.regularFileOrNothing(name);
                dir.setModeAndOwner(name, a.permissions(), Optional.of(osUser));
            }
        }
    }
}
