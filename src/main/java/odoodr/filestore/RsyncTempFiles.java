package odoodr.filestore;

import odoodr.host.DirectoryTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * rsync receives each file into {@code .<name>.XXXXXX} beside it and renames it when complete. A receiver killed
 * outright (SIGKILL, power loss) cannot move that file into the partial-dir, and no later run removes it (never
 * {@code --delete}). Called with the sync lock held, so no rsync of ours is writing: a temporary file of an Odoo name
 * ({@code .<sha1>.XXXXXX}) is then a leftover. Nothing else is touched, and the partial-dir (which later runs resume
 * from) is not entered.
 */
final class RsyncTempFiles {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");
    private static final Pattern LEFTOVER = Pattern.compile("\\.[0-9a-f]{40}\\.[A-Za-z0-9]{6}");

    private RsyncTempFiles() {
    }

    static boolean isLeftover(String fileName) {
        return LEFTOVER.matcher(fileName).matches();
    }

    /**
     * Removes every partial-dir under {@code dir} (they sit beside the files, {@code <db>/xx/.rsync-partial}) without
     * following a link: the mirror belongs to the odoo user. Returns how many.
     */
    static int removeStalePartialDirs(Path dir) {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        java.util.List<Path> found = new java.util.ArrayList<>();
        try {
            Files.walkFileTree(dir, java.util.Set.of(), 3, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (d.getFileName().toString().equals(RsyncCommand.PARTIAL_DIR)) {
                        found.add(d);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isDirectory() && f.getFileName().toString().equals(RsyncCommand.PARTIAL_DIR)) {
                        found.add(f); // at the depth limit, a directory is visited as a file
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
            for (Path partial : found) {
                DirectoryTree.delete(partial);
            }
        } catch (IOException e) {
            LOG.warn("filestore: cannot remove the stale partial-dirs under {}: {}", dir, e.getMessage());
            return 0;
        }
        if (!found.isEmpty()) {
            LOG.info("filestore: removed {} stale partial-dir(s) of an interrupted rsync in {}", found.size(), dir);
        }
        return found.size();
    }

    /** Removes leftovers under {@code dir}; returns how many. */
    static int removeLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int[] removed = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return d.getFileName().toString().equals(RsyncCommand.PARTIAL_DIR)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && isLeftover(f.getFileName().toString())) {
                        Files.deleteIfExists(f);
                        removed[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // vanished or unreadable: not ours to judge here
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (removed[0] > 0) {
            LOG.info("filestore: removed {} temporary file(s) of an interrupted rsync in {}", removed[0], dir);
        }
        return removed[0];
    }
}
