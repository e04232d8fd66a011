package odoodr.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code filestore:} the local mirror.
 *
 * @param localBase        filestore.local_base: files land in {@code <local_base>/<database>/xx/<sha1>}
 * @param fullSyncInterval filestore.full_sync_interval: period of the safety-net full rsync
 * @param syncInterval     filestore.sync_interval: period of the attachment-driven sync
 */
public record FilestoreConfig(Path localBase, Duration fullSyncInterval, Duration syncInterval) {
    public static final Path DEFAULT_LOCAL_BASE = Path.of("/var/lib/odoo/filestore");
    public static final Duration DEFAULT_FULL_SYNC_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(5);

    public FilestoreConfig {
        Objects.requireNonNull(localBase, "localBase");
        Objects.requireNonNull(fullSyncInterval, "fullSyncInterval");
        Objects.requireNonNull(syncInterval, "syncInterval");
    }

    /** With the default attachment-driven sync period. */
    public FilestoreConfig(Path localBase, Duration fullSyncInterval) {
        this(localBase, fullSyncInterval, DEFAULT_SYNC_INTERVAL);
    }

    /** Where database {@code database}'s files are mirrored. */
    public Path localDirectoryOf(String database) {
        return localBase.resolve(database);
    }
}
