package odoodr.filestore.sync;

import odoodr.health.FilestoreSyncState;
import odoodr.health.FilestoreSyncStateFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import java.util.function.Consumer;

/**
 * Publishes each database's {@link SyncStatus} for {@code status} and health checks in other processes, in the
 * replica's state file ({@link FilestoreSyncStateFile}, which owns its place and format): the state health reads,
 * then this sync's own details (counts since start, the files that did not arrive and why), which readers that do
 * not know them ignore.
 */
public final class SyncStatusFile implements Consumer<SyncStatus> {
    private final Path dir;

    public SyncStatusFile(Path dir) {
        this.dir = dir;
    }

    @Override
    public void accept(SyncStatus status) {
        Path target = FilestoreSyncStateFile.path(dir, status.database());
        try {
            FilestoreSyncStateFile.write(target, state(status), details(status));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cursor the last pass of {@code database} persisted in {@code dir}; empty when there is none, or the file
     * cannot be read (logged: the sync then starts from the seed or from scratch, which costs time, never a file).
     */
    public static Optional<SyncCursor> cursor(Path dir, String database) {
        Path file = FilestoreSyncStateFile.path(dir, database);
        try {
            return FilestoreSyncStateFile.readFields(file).flatMap(SyncCursor::from);
        } catch (IOException e) {
            LoggerFactory.getLogger("filestore").warn("filestore {}: cannot resume from {}: {}", database, file, e.getMessage());
            return Optional.empty();
        }
    }

    static FilestoreSyncState state(SyncStatus s) {
        return new FilestoreSyncState(s.database(), s.lastSuccessfulPass(), s.lastAttempt(), s.lastError(), s.backlog(),
                s.missingOnProdCount(), s.checksumMismatches().stream().map(SyncStatus.FailingFile::storeFname).toList());
    }

    static Map<String, Object> details(SyncStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files_fetched", s.filesFetched());
        m.put("bytes_fetched", s.bytesFetched());
        m.put("files_indexed", s.filesIndexed());
        if (s.cursor() != null) {
            s.cursor().putInto(m);
        }
        m.put("missing_on_prod_files", s.missingOnProd().stream().map(SyncStatusFile::failing).toList());
        m.put("checksum_mismatches", s.checksumMismatches().stream().map(SyncStatusFile::failing).toList());
        m.put("transfer_failures", s.transferFailures().stream().map(SyncStatusFile::failing).toList());
        m.put("refused_store_fnames", s.refused().entrySet().stream().map(e -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("attachment_id", e.getKey());
            r.put("store_fname", StoreFname.printable(e.getValue()));
            return r;
        }).toList());
        return m;
    }

    private static Map<String, Object> failing(SyncStatus.FailingFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store_fname", f.storeFname());
        m.put("attachment_id", f.attachmentId());
        m.put("attempts", f.attempts());
        m.put("first_seen", text(f.firstSeen()));
        m.put("next_attempt", text(f.nextAttempt()));
        m.put("last_error", f.lastError());
        return m;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
