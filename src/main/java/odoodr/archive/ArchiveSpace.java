package odoodr.archive;

import odoodr.host.ServiceUser;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import odoodr.units.ByteSize;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the archive needs of its file system and of postgres's rights, checked rather than assumed. */
public final class ArchiveSpace {
    private ArchiveSpace() {
    }

    /** Why one base backup of {@code dataDirectory} would not fit where {@code root} is (or will be); empty if it fits. */
    public static Optional<String> lackOfRoom(Path root, Path dataDirectory) {
        try {
            Path existing = root.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(dataDirectory)) {
                return Optional.empty();
            }
            FileStore fs = Files.getFileStore(existing);
            long need = bytesUnder(dataDirectory);
            boolean sameFs = Files.getFileStore(dataDirectory).equals(fs);
            long free = fs.getUsableSpace();
            if (need > free) {
                return Optional.of("no room for one base backup in " + root + ": the standby holds "
                        + ByteSize.gigabytes(need) + ", " + existing + " has " + ByteSize.gigabytes(free) + " free"
                        + (sameFs ? " (the standby's own file system)" : ""));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot measure the space for " + root + ": " + e.getMessage());
        }
    }

    /** Empty when postgres can write into wal/ and base/ (what basic_archive and the base backups do). */
    public static Optional<String> notWritableByPostgres(ProcessRunner runner, ArchiveLayout layout) {
        for (Path dir : List.of(layout.walDirectory(), layout.baseDirectory())) {
            var r = runner.runAllowingFailure(Command.of(ServiceUser.POSTGRES.as(
                    List.of("test", "-d", dir.toString(), "-a", "-w", dir.toString(), "-a", "-x", dir.toString())))
                    .timeout(Duration.ofSeconds(10)).build());
            if (r.exitCode() != 0) {
                return Optional.of(dir + " is missing or not writable by postgres");
            }
        }
        return Optional.empty();
    }

    /** Bytes in the regular files under {@code dir} (links not followed; files removed meanwhile count 0). */
    public static long bytesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // a WAL segment recycled while walking
            }
        });
        return total[0];
    }
}
