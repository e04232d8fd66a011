package odoodr.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the filestore sync of one Odoo database last did, as the agent's sync loop records it after every pass and
 * {@code status} reads it: the file {@code /var/lib/odoo-dr/<replica>/filestore-<database>.json} (its place and
 * format in {@link FilestoreSyncStateFile}).
 *
 * @param database      the Odoo database
 * @param lastSuccess   end of the last pass that finished without error; null when none has yet
 * @param lastAttempt   end of the last pass, successful or not; null when none has run
 * @param lastError     why the last pass failed (one line, no secrets); null when it succeeded
 * @param backlog       attachments referenced on the standby whose file is not here yet (after the last pass)
 * @param missingOnProd attachments referenced on the standby whose file prod does not have either
 * @param corruptOnProd the store_fnames (some, not necessarily all) of wanted files that arrived with other bytes
 *                      than their checksum: prod's file is corrupt, so the mirror cannot hold it
 */
public record FilestoreSyncState(String database, Instant lastSuccess, Instant lastAttempt, String lastError,
                                 long backlog, long missingOnProd, List<String> corruptOnProd) {
    public FilestoreSyncState {
        Objects.requireNonNull(database, "database");
        if (backlog < 0 || missingOnProd < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        corruptOnProd = List.copyOf(corruptOnProd);
    }

    /** A state with no corrupt file on prod. */
    public FilestoreSyncState(String database, Instant lastSuccess, Instant lastAttempt, String lastError,
                              long backlog, long missingOnProd) {
        this(database, lastSuccess, lastAttempt, lastError, backlog, missingOnProd, List.of());
    }

    public Optional<Instant> findLastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public Optional<String> findLastError() {
        return Optional.ofNullable(lastError);
    }
}
