package odoodr.filestore.sync;

import odoodr.json.Json;
import odoodr.host.AtomicFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Publishes each database's {@link SyncStatus} as {@code <dir>/filestore-<db>.json} (the replica's directory,
 * {@code odoodr.health.FilestoreSyncState#directory}) for {@code status} and health
 * checks in other processes. Written atomically, so a reader never sees half a document.
 */
public final class SyncStatusFile implements Consumer<SyncStatus> {
    private final Path dir;

    public SyncStatusFile(Path dir) {
        this.dir = dir;
    }

    public static Path pathOf(Path dir, String database) {
        return dir.resolve("filestore-" + database + ".json");
    }

    @Override
    public void accept(SyncStatus status) {
        Path target = pathOf(dir, status.database());
        try {
            Files.createDirectories(dir);
            // no secret in it: readable by whoever runs status or a health check
            AtomicFile.write(target, Json.write(status.toJson()).getBytes(StandardCharsets.UTF_8),
                    PosixFilePermissions.fromString("rw-r--r--"), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
