package odoodr.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code filestore:} the local mirror.
 *
 * @param localBase        filestore.local_base: files land in {@code <local_base>/<database>/xx/<sha1>}
 * @param fullSyncInterval filestore.full_sync_interval: period of the safety-net full rsync
 */
public record FilestoreConfig(Path localBase, Duration fullSyncInterval) {
    public static final Path DEFAULT_LOCAL_BASE = Path.of("/var/lib/odoo/filestore");
    public static final Duration DEFAULT_FULL_SYNC_INTERVAL = Duration.ofHours(1);

    public FilestoreConfig {
        Objects.requireNonNull(localBase, "localBase");
        Objects.requireNonNull(fullSyncInterval, "fullSyncInterval");
    }

    /** Where database {@code database}'s files are mirrored. */
    public Path localDirectoryOf(String database) {
        return localBase.resolve(database);
    }
}
