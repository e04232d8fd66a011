package odoodr.health;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the filestore sync of one Odoo database last did, as the agent's sync loop records it after every pass and
 * {@code status} reads it: the file {@code /var/lib/odoo-dr/filestore-<database>.json} (format and reading in
 * {@link FilestoreSyncStateFile}).
 *
 * @param database      the Odoo database
 * @param lastSuccess   end of the last pass that finished without error; null when none has yet
 * @param lastAttempt   end of the last pass, successful or not; null when none has run
 * @param lastError     why the last pass failed (one line, no secrets); null when it succeeded
 * @param backlog       attachments referenced on the standby whose file is not here yet (after the last pass)
 * @param missingOnProd attachments referenced on the standby whose file prod does not have either
 */
public record FilestoreSyncState(String database, Instant lastSuccess, Instant lastAttempt, String lastError,
                                 long backlog, long missingOnProd) {
    public static final Path BASE = Path.of("/var/lib/odoo-dr");

    public FilestoreSyncState {
        Objects.requireNonNull(database, "database");
        if (backlog < 0 || missingOnProd < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /**
     * {@code /var/lib/odoo-dr/<replica name>}: per replica, so that two replicas on one machine (or two tests)
     * mirroring databases of the same name never read each other's state.
     */
    public static Path directory(odoodr.config.Config config) {
        return BASE.resolve(config.replica().name());
    }

    public static Path path(Path directory, String database) {
        return directory.resolve("filestore-" + database + ".json");
    }

    public Optional<Instant> findLastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public Optional<String> findLastError() {
        return Optional.ofNullable(lastError);
    }
}
