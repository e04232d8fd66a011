package odoodr.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code archive:} recovery points kept on this replica (point-in-time restore). The standby archives every WAL
 * segment it receives and the agent takes base backups from the standby itself: nothing extra crosses the tunnel.
 *
 * @param enabled            archive.enabled: off when the section is absent, so an existing replica does not start
 *                           filling a disk nobody planned for; {@code odoo-dr init} writes it on
 * @param directory          archive.directory: where WAL and base backups go; empty = {@link #DEFAULT_PARENT}/{@code
 *                           <postgres.cluster>} (one per standby, so several prods on one host never share one)
 * @param retention          archive.retention: how far back a restore can go; the newest good base backup is
 *                           always kept, however old
 * @param baseBackupInterval archive.base_backup_interval: how often the agent takes a base backup (a restore replays
 *                           at most this much WAL after its backup)
 */
public record ArchiveConfig(boolean enabled, Optional<Path> directory, Duration retention,
                            Duration baseBackupInterval) {
    public static final Path DEFAULT_PARENT = Path.of("/var/lib/odoo-dr/archive");
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(14);
    public static final Duration DEFAULT_BASE_BACKUP_INTERVAL = Duration.ofDays(1);
    public static final ArchiveConfig DEFAULTS = new ArchiveConfig(false, Optional.empty(), DEFAULT_RETENTION,
            DEFAULT_BASE_BACKUP_INTERVAL);

    public ArchiveConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(baseBackupInterval, "baseBackupInterval");
    }

    /** The archive directory of the standby cluster {@code cluster}: the configured one, or the default. */
    public Path directoryFor(String cluster) {
        return directory.orElse(DEFAULT_PARENT.resolve(cluster));
    }
}
