package odoodr.postgres;

import odoodr.host.AtomicFile;
import odoodr.host.FileLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A libpq password file on disk ({@code ~postgres/.pgpass}, or a {@code passfile=} / {@code PGPASSFILE} path): reads
 * it, and rewrites it atomically with mode 0600 from the first byte (libpq ignores a password file that group or
 * others can access), optionally owned by the OS user whose libpq reads it.
 *
 * <p>Two odoo-dr processes updating the same file at the same moment would race (the last rename wins); setup and the
 * agent do not write it concurrently.
 */
public final class PgPassFile {
    private final Path path;
    private final Optional<String> owner;

    private PgPassFile(Path path, Optional<String> owner) {
        this.path = Objects.requireNonNull(path, "path");
        this.owner = owner;
    }

    /** The file at {@code path}, written with the current process's user as owner. */
    public static PgPassFile at(Path path) {
        return new PgPassFile(path, Optional.empty());
    }

    /** The same file, but every write makes {@code osUser} (e.g. {@code postgres}) its owner; needs root. */
    public PgPassFile ownedBy(String osUser) {
        return new PgPassFile(path, Optional.of(osUser));
    }

    public Path path() {
        return path;
    }

    public Optional<String> owner() {
        return owner;
    }

    /** The current content; empty if the file does not exist. */
    public PgPassContent read() throws IOException {
        // never through a link or from a FIFO: the file sits in a directory its owner (postgres) can write
        return AtomicFile.readIfExists(path).map(PgPassContent::parse).orElseGet(PgPassContent::empty);
    }

    /** The entry libpq would use for these connection parameters (first match), see {@link PgPassContent#find}. */
    public Optional<PgPassEntry> find(String host, String port, String database, String user) throws IOException {
        return read().find(host, port, database, user);
    }

    public Optional<PgPassEntry> find(String host, int port, String database, String user) throws IOException {
        return read().find(host, port, database, user);
    }

    /**
     * Read-only: would {@link #ensureEntries} change anything? True if the content would change, or the file is
     * missing, not a regular file, accessible by group or others, or not owned by {@link #owner()}.
     */
    public boolean needsUpdate(List<PgPassEntry> entries) throws IOException {
        validate(entries);
        PgPassContent current = read();
        return !current.equals(current.withEntries(entries)) || !hasSafeAttributes();
    }

    /**
     * Makes {@code entries} the ones libpq finds (see {@link PgPassContent#withEntries}), leaving every other line
     * as it is. Writes only if something changes (content, mode or owner).
     *
     * @return true if the file was written
     * @throws IllegalArgumentException if an entry has an empty field or two entries have the same key
     */
    public boolean ensureEntries(List<PgPassEntry> entries) throws IOException {
        validate(entries);
        try (FileLock ignored = lock()) {
            return ensureEntriesLocked(entries);
        }
    }

    private boolean ensureEntriesLocked(List<PgPassEntry> entries) throws IOException {
        PgPassContent current = read();
        PgPassContent updated = current.withEntries(entries);
        if (current.equals(updated) && hasSafeAttributes()) {
            return false;
        }
        AtomicFile.write(path, updated.toBytes(), AtomicFile.OWNER_READ_WRITE, owner);
        return true;
    }

    /**
     * Removes the entry lines {@code filter} accepts (e.g. the replication user's, at decommission).
     *
     * @return how many lines were removed; the file is written only if that is more than zero
     */
    public int removeEntries(Predicate<PgPassEntry> filter) throws IOException {
        try (FileLock ignored = lock()) {
            return removeEntriesLocked(filter);
        }
    }

    /**
     * Read-modify-write under an exclusive lock on a sibling lock file (the file itself is replaced by rename, so it
     * cannot carry the lock): two odoo-dr processes editing the same .pgpass never lose each other's lines.
     */
    private FileLock lock() throws IOException {
        Path lockFile = path.resolveSibling(path.getFileName() + ".odoo-dr-lock");
        // owned like the file it guards: the directory is that user's (~postgres), where root writes only for it
        FileLock.NewFile newFile = new FileLock.NewFile("rw-r--r--", owner);
        return FileLock.acquire(lockFile, "pgpass update", FileLock.FOREVER, newFile)
                .orElseThrow(() -> new IOException("cannot lock " + lockFile)); // a wait without end ends locked
    }

    private int removeEntriesLocked(Predicate<PgPassEntry> filter) throws IOException {
        PgPassContent current = read();
        PgPassContent updated = current.without(filter);
        int removed = current.lineCount() - updated.lineCount();
        if (removed > 0) {
            AtomicFile.write(path, updated.toBytes(), AtomicFile.OWNER_READ_WRITE, owner);
        }
        return removed;
    }

    private static void validate(List<PgPassEntry> entries) {
        for (PgPassEntry entry : entries) {
            if (entry.host().isEmpty() || entry.port().isEmpty() || entry.database().isEmpty()
                    || entry.user().isEmpty() || entry.password().isEmpty()) {
                throw new IllegalArgumentException("refusing to write a pgpass entry with an empty field: " + entry);
            }
        }
    }

    /** Regular file, no group/other access, owner-readable, and owned by {@link #owner} if one is set. */
    private boolean hasSafeAttributes() throws IOException {
        PosixFileAttributes attributes;
        try {
            // a link is never safe: odoo-dr refuses to write through one
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!attributes.isRegularFile()) {
            return false;
        }
        Set<PosixFilePermission> allowed = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (!allowed.containsAll(permissions) || !permissions.contains(PosixFilePermission.OWNER_READ)) {
            return false;
        }
        if (owner.isPresent()) {
            return owner.get().equals(attributes.owner().getName());
        }
        return true;
    }

    @Override
    public String toString() {
        return "PgPassFile[" + path + owner.map(o -> ", owner " + o).orElse("") + "]";
    }
}
