package odoodr.archive;

import odoodr.config.Config;
import odoodr.host.FileLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one lock over an archive's base backups and retention: two processes (two agents by mistake, an agent and a
 * restore reading the list) never take a backup, or remove one, at the same time. In root's /run/odoo-dr, not in the
 * archive, which postgres owns.
 */
public final class ArchiveLock {
    private ArchiveLock() {
    }

    public static Path file(Config config) {
        return Path.of("/run/odoo-dr/archive-" + config.postgres().cluster() + ".lock");
    }

    /** The lock, or empty when another process holds it; never waits. */
    public static Optional<FileLock> tryAcquire(Config config, String purpose) throws IOException {
        Path file = file(config);
        Files.createDirectories(file.getParent());
        return FileLock.tryAcquire(file, purpose);
    }
}
