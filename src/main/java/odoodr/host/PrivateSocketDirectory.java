package odoodr.host;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * A directory that holds a tunnel's Unix socket and that only the user who connects (and root) can enter: mode
 * 0700, owned by that user, not a symlink, in a parent only root can write. A socket found in it was made by its
 * owner, so a connection to it reaches our own ssh, never a local user's listener (DESIGN.md §11).
 */
public final class PrivateSocketDirectory {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateSocketDirectory() {
    }

    /**
     * Creates {@code dir} for {@code owner} (0700), or puts an existing one right. Run before every start of the
     * permanent tunnel: {@code /run} is empty after a boot. The parent must belong to root and be writable by
     * nobody else, so nobody else can swap the directory for a link.
     */
    public static void ensure(Path dir, ServiceUser owner) throws IOException {
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        PosixFileAttributes p = attributes(parent);
        if (ServiceUser.runningAsRoot() && (!"root".equals(p.owner().getName()) || p.isSymbolicLink()
                || p.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || p.permissions().contains(PosixFilePermission.OTHERS_WRITE))) {
            throw new IOException(parent + " must be a directory of root's that nobody else can write (owner "
                    + p.owner().getName() + ", mode " + PosixFilePermissions.toString(p.permissions()) + ")");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        PosixFileAttributes d = attributes(dir);
        if (!d.isDirectory() || d.isSymbolicLink()) {
            throw new IOException(dir + " is not a directory; remove it so that the tunnel can make its socket directory");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (ServiceUser.runningAsRoot() && !d.owner().getName().equals(owner.name())) {
            view.setOwner(principal(owner.name()));
        }
        if (!d.permissions().equals(OWNER_ONLY)) {
            view.setPermissions(OWNER_ONLY);
        }
    }

    /** A fresh directory of this process's user, mode 0700, for a temporary tunnel; remove it with {@link #delete}. */
    public static Path createTemporary() throws IOException {
        return Files.createTempDirectory("odoo-dr-tunnel-", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    /** True when {@code dir} is a real directory of {@code ownerName}'s with mode 0700. */
    public static boolean isPrivateTo(Path dir, String ownerName) {
        try {
            PosixFileAttributes d = attributes(dir);
            return d.isDirectory() && !d.isSymbolicLink() && d.owner().getName().equals(ownerName)
                    && d.permissions().equals(OWNER_ONLY);
        } catch (IOException e) {
            return false;
        }
    }

    /** True when {@code file} is a socket (not a link, not a regular file) inside a directory private to {@code ownerName}. */
    public static boolean holdsSocket(Path file, String ownerName) {
        try {
            PosixFileAttributes f = attributes(file);
            return f.isOther() && !f.isSymbolicLink() && isPrivateTo(file.getParent(), ownerName);
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes a temporary directory and the socket in it; a missing one is fine. */
    public static void delete(Path dir) {
        try {
            DirectoryTree.delete(dir);
        } catch (IOException e) {
            // a leftover empty directory in /tmp, mode 0700: harmless, and the tunnel is gone either way
        }
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static UserPrincipal principal(String name) throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
    }
}
