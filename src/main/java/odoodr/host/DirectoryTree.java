package odoodr.host;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Directories root makes or removes where service users can write (a partial base backup in postgres's directory, a
 * mirror in odoo's, a service user's ~/.ssh), through {@link GuardedDirectory}: a link is never followed, so neither
 * a removal nor a chown can be steered outside the tree, even by someone changing the tree while odoo-dr works on it.
 */
public final class DirectoryTree {
    /** {@code 0755}: what {@code install -d} gives the parent directories it creates. */
    private static final Set<PosixFilePermission> PARENT_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    private DirectoryTree() {
    }

    /**
     * Deletes {@code dir} and everything in it, children before parents; nothing happens when it does not exist. A
     * link in the tree is removed itself, never what it points to.
     */
    public static void delete(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        try (GuardedDirectory parent = GuardedDirectory.openForReading(abs.getParent())) {
            Optional<PosixFileAttributes> a = parent.stat(name);
            if (a.isEmpty()) {
                return;
            }
            if (a.get().isDirectory()) {
                deleteTree(parent, name);
            } else {
                parent.deleteFile(name);
            }
        } catch (NoSuchFileException parentMissing) {
            // nothing to delete
        }
    }

    private static void deleteTree(GuardedDirectory parent, String name) throws IOException {
        try (GuardedDirectory dir = parent.subdirectory(name)) {
            for (String child : dir.names()) {
                if (dir.stat(child).map(PosixFileAttributes::isDirectory).orElse(false)) {
                    deleteTree(dir, child);
                } else {
                    dir.deleteFile(child);
                }
            }
        }
        parent.deleteDirectory(name);
    }

    /**
     * What {@code install -d -m MODE -o OWNER -g OWNER dir} does, without following a link: creates {@code dir} and
     * its missing parents (those root-owned, 0755), then gives {@code dir} its mode and owner through the open
     * directory. A link, or anything but a directory, at {@code dir} or on its path is refused.
     *
     * @param owner the user (and group of the same name) to own {@code dir}; empty: whoever runs odoo-dr
     */
    public static void ensure(Path dir, Set<PosixFilePermission> mode, Optional<String> owner) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            return;
        }
        String name = abs.getFileName().toString();
        try (GuardedDirectory parent = openCreating(abs.getParent(), owner)) {
            if (parent.stat(name).isEmpty()) {
                try {
                    // mkdir never follows a link at its last name; the result is checked through the parent below
                    Files.createDirectory(parent.path().resolve(name));
                } catch (FileAlreadyExistsException raced) {
                    // someone made it meanwhile: checked like any existing one
                }
            }
            try (GuardedDirectory created = parent.subdirectory(name)) {
                created.setModeAndOwner(mode, owner);
            }
        }
    }

    /** {@link #ensure} with the mode given as {@code rwxr-x---} text. */
    public static void ensure(Path dir, String mode, Optional<String> owner) throws IOException {
        ensure(dir, PosixFilePermissions.fromString(mode), owner);
    }

    private static GuardedDirectory openCreating(Path dir, Optional<String> forUser) throws IOException {
        try {
            return GuardedDirectory.open(dir, forUser);
        } catch (NoSuchFileException missing) {
            ensure(dir, PARENT_MODE, Optional.empty());
            return GuardedDirectory.open(dir, forUser);
        }
    }
}
