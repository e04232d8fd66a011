package odoodr.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces a file's content all at once: readers see the old file or the new one, never a mix, and a crash leaves one
 * of the two on disk. The content goes to a temporary file in the same directory, created with its final permissions
 * (so a secret is never readable by others, not even for a moment), flushed to disk, given its owner, then renamed over
 * the target; the directory is flushed so the rename itself survives a crash.
 */
public final class AtomicFile {
    /** {@code 0600}: what libpq demands of a password file, and what PostgreSQL gives its data directory files. */
    public static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code target}.
     *
     * @param target      the file; if it is a symbolic link, the file it points to is replaced and the link kept
     * @param content     the new bytes
     * @param permissions mode of the new file, applied at creation
     * @param owner       OS user to own the new file (its group becomes the group of the same name, when there is
     *                    one); changing the owner needs root
     */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions, Optional<String> owner)
            throws IOException {
        Path file = resolveLink(target);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(permissions));
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            // the umask may have removed bits the caller asked for; it can never have added any
            Files.setPosixFilePermissions(tmp, permissions);
            if (owner.isPresent()) {
                setOwner(tmp, owner.get());
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // same directory, so this only happens on exotic file systems; refuse rather than write non-atomically
                throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static Path resolveLink(Path target) throws IOException {
        Path file = target;
        if (Files.isSymbolicLink(file)) {
            Path link = Files.readSymbolicLink(file);
            Path parent = file.toAbsolutePath().getParent();
            file = parent == null ? link : parent.resolve(link);
            return resolveLink(file);
        }
        return file;
    }

    /** Makes {@code osUser} (and the group of the same name, if any) own {@code file}. */
    public static void setOwner(Path file, String osUser) throws IOException {
        FileSystem fs = file.getFileSystem();
        UserPrincipalLookupService lookup = fs.getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(osUser);
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        view.setOwner(user);
        try {
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(osUser);
            view.setGroup(group);
        } catch (UserPrincipalNotFoundException noSuchGroup) {
            // the user's own group has another name: mode 0600 makes the group irrelevant anyway
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        // Linux lets a directory be opened read-only and fsync'ed; that is what makes the rename durable
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every file system supports it (the write itself is complete and atomic): best effort
        }
    }
}
