package odoodr.host;

import odoodr.DrException;
import odoodr.ExitCode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A directory odoo-dr, as root, reads and writes files in although another user may own it (~postgres, the cluster's
 * /etc/postgresql and data directories, ~odoo, the filestore mirror). Whoever owns such a directory can plant a
 * symbolic link, a FIFO or a hard link in it; root following one would write, chown or truncate a file of the
 * attacker's choosing (DESIGN.md §11). So nothing here follows a link where anyone but root could have put it:
 *
 * <ul>
 *   <li>The path is walked from {@code /} one name at a time, each opened relative to its parent's descriptor
 *       ({@code openat} with {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}). A link is followed only in a
 *       directory owned by root that nobody else may write (such as {@code /lib -> usr/lib}); anywhere else it is
 *       refused. Once open, the directory is this descriptor: renaming or replacing the path later changes nothing.</li>
 *   <li>Every file is created, opened, stat'ed, chowned, renamed and removed relative to that descriptor, never by
 *       following its last name: a link or any other non-regular file there is refused.</li>
 *   <li>The directory itself must be owned by root, by the user running odoo-dr, or by the user the caller writes
 *       for; any other owner is refused.</li>
 * </ul>
 * Every refusal is a {@link DrException} with {@link ExitCode#PRECONDITION}, naming the path and its owner.
 */
public final class GuardedDirectory implements AutoCloseable {
    private final Path path;
    private final SecureDirectoryStream<Path> stream;
    private final PosixFileAttributes attributes;

    private GuardedDirectory(Path path, SecureDirectoryStream<Path> stream) throws IOException {
        this.path = path;
        this.stream = stream;
        this.attributes = stream.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
    }

    /**
     * Opens {@code dir} (which must exist) without following a link anyone but root could have planted.
     *
     * @param forUser the user the caller creates files for, who may own {@code dir} (empty: only root or ourselves)
     */
    public static GuardedDirectory open(Path dir, Optional<String> forUser) throws IOException {
        GuardedDirectory opened = openForReading(dir);
        String owner = opened.attributes.owner().getName();
        Set<String> allowed = new TreeSet<>(List.of("root", System.getProperty("user.name")));
        forUser.ifPresent(allowed::add);
        if (!allowed.contains(owner)) {
            opened.close();
            throw new DrException(ExitCode.PRECONDITION, "refusing to write in " + opened.path + ": it is owned by "
                    + owner + ", not by " + String.join(" or ", allowed) + " (odoo-dr runs as root and writes only"
                    + " where root or the file's own user owns the directory)", "give " + opened.path + " back to "
                    + String.join(" or ", allowed) + " (chown), or fix the path in the config; someone with the "
                    + owner + " account may be trying to get root");
        }
        return opened;
    }

    /**
     * Opens {@code dir} like {@link #open}, whoever owns it: for reading, listing and removing, which plant nothing
     * (a link there is still refused, not followed).
     */
    public static GuardedDirectory openForReading(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        return new GuardedDirectory(target, LinkFreeWalk.open(target));
    }

    static Optional<PosixFileAttributes> stat(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            return Optional.of(dir.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * The refusal for a link, a FIFO or another stranger where odoo-dr writes as root. {@code planter}: who could
     * have put it there (the owner of the directory holding it).
     */
    static DrException refusal(Path where, String what, String planter) {
        return new DrException(ExitCode.PRECONDITION, "refusing to use " + where + ": it " + what
                + " (odoo-dr runs as root and uses only real files and directories where another user can write)",
                "check and remove " + where + "; someone with the " + planter + " account may be trying to get root"
                        + " (odoo-dr never follows a link in a directory another user can write)");
    }

    public Path path() {
        return path;
    }

    /** Who owns this directory: whoever could have planted anything in it. */
    private String planter() {
        return attributes.owner().getName();
    }

    /** The attributes of {@code name} itself (a link is not followed); empty when there is none. */
    public Optional<PosixFileAttributes> stat(String name) throws IOException {
        return stat(stream, Path.of(name));
    }

    /** Empty when {@code name} does not exist; its attributes when it is a regular file; else refused. */
    public Optional<PosixFileAttributes> regularFileOrNothing(String name) throws IOException {
        Optional<PosixFileAttributes> a = stat(name);
        if (a.isPresent() && !a.get().isRegularFile()) {
            throw refusal(path.resolve(name), describe(a.get()), planter());
        }
        if (a.isPresent() && a.get().isRegularFile() && linkCount(name) > 1) {
            throw refusal(path.resolve(name), "has another hard link", planter());
        }
        return a;
    }

    /** By path (SecureDirectoryStream has no nlink): fs.protected_hardlinks already stops most such links. */
    private long linkCount(String name) {
        try {
            return Files.getAttribute(path.resolve(name), "unix:nlink", LinkOption.NOFOLLOW_LINKS) instanceof Integer i ? i : 1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 1;
        }
    }

    private static String describe(PosixFileAttributes a) {
        return a.isSymbolicLink() ? "is a symbolic link" : a.isDirectory() ? "is a directory, not a regular file"
                : "is not a regular file (a FIFO, socket or device)";
    }

    /** Creates {@code name}, which must not exist, with {@code permissions} (less the umask); never through a link. */
    public FileChannel createNew(String name, Set<PosixFilePermission> permissions) throws IOException {
        return channel(name, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(permissions));
    }

    /** Opens the existing regular file {@code name} for reading and writing; a link or a FIFO is refused. */
    public FileChannel openExisting(String name, OpenOption... extra) throws IOException {
        regularFileOrNothing(name).orElseThrow(() -> new NoSuchFileException(path.resolve(name).toString()));
        Set<OpenOption> options = new HashSet<>(List.of(LinkOption.NOFOLLOW_LINKS));
        options.addAll(extra.length == 0 ? List.of(StandardOpenOption.READ, StandardOpenOption.WRITE) : List.of(extra));
        return channel(name, options);
    }

    private FileChannel channel(String name, Set<OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        SeekableByteChannel channel;
        try {
            channel = stream.newByteChannel(Path.of(name), options, attributes);
        } catch (FileSystemException e) {
            if (stat(name).map(PosixFileAttributes::isSymbolicLink).orElse(false)) {
                throw refusal(path.resolve(name), "is a symbolic link", planter()); // O_NOFOLLOW said ELOOP
            }
            throw e;
        }
        if (channel instanceof FileChannel file) {
            return file;
        }
        channel.close();
        throw new IOException("cannot open " + path.resolve(name) + " as a file channel");
    }

    /** Gives {@code name} its mode and, when set, {@code owner} and the group of the same name; never through a link. */
    public void setModeAndOwner(String name, Set<PosixFilePermission> mode, Optional<String> owner) throws IOException {
        PosixFileAttributeView view = stream.getFileAttributeView(Path.of(name), PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        giveModeAndOwner(view, mode, owner);
    }

    static void giveModeAndOwner(PosixFileAttributeView view, Set<PosixFilePermission> mode, Optional<String> owner)
            throws IOException {
        if (owner.isPresent()) {
            var lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(owner.get());
            view.setOwner(user);
            try {
                view.setGroup(lookup.lookupPrincipalByGroupName(owner.get()));
            } catch (UserPrincipalNotFoundException noSuchGroup) {
                // the user's own group has another name: the modes odoo-dr uses make the group irrelevant
            }
        }
        view.setPermissions(mode); // after chown, which may clear set-id bits; the umask may have removed some
    }

    /** Renames {@code from} over {@code to} in this directory in one step (renameat: a link at {@code to} is replaced, never followed). */
    public void rename(String from, String to) throws IOException {
        stream.move(Path.of(from), stream, Path.of(to));
    }

    /** Removes the file or link {@code name} (never what a link points to); nothing when it is missing. */
    public void deleteFile(String name) throws IOException {
        try {
            stream.deleteFile(Path.of(name));
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    /** Removes the empty directory {@code name}. */
    public void deleteDirectory(String name) throws IOException {
        stream.deleteDirectory(Path.of(name));
    }

    /** Opens the subdirectory {@code name}: a link or a non-directory there is refused. */
    public GuardedDirectory subdirectory(String name) throws IOException {
        PosixFileAttributes a = stat(name).orElseThrow(() -> new NoSuchFileException(path.resolve(name).toString()));
        if (!a.isDirectory()) {
            throw refusal(path.resolve(name), a.isSymbolicLink() ? "is a symbolic link" : "is not a directory", planter());
        }
        return new GuardedDirectory(path.resolve(name), LinkFreeWalk.secure(stream.newDirectoryStream(Path.of(name),
                LinkOption.NOFOLLOW_LINKS), path.resolve(name)));
    }

    /** The names in this directory; a {@link DirectoryStream} lists once, so call it at most once. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        stream.iterator().forEachRemaining(p -> names.add(p.getFileName().toString()));
        return names;
    }

    /** Gives this directory itself its mode and owner (fchown/fchmod on the descriptor held open). */
    public void setModeAndOwner(Set<PosixFilePermission> mode, Optional<String> owner) throws IOException {
        giveModeAndOwner(stream.getFileAttributeView(PosixFileAttributeView.class), mode, owner);
    }

    /** Flushes the directory, so a rename in it survives a crash; best effort (not every file system can). */
    public void sync() {
        try (FileChannel self = channel(".", Set.of(StandardOpenOption.READ))) {
            self.force(true);
        } catch (IOException | RuntimeException e) {
            // the write itself is complete and atomic
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
