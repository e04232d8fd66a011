package odoodr.health;

import odoodr.config.PgEndpoint;

import java.nio.file.Path;

/**
 * The permanent tunnel as seen from this replica.
 *
 * @param supervisorRunning an {@code odoo-dr tunnel} holds the port's lock (it restarts ssh when it dies)
 * @param postgresAnswers   prod's PostgreSQL answered a protocol probe through the forward's socket, found in a
 *                          directory only the tunnel's user can enter
 * @param endpoint          the forward's local end (its socket)
 * @param log               the supervisor's log file
 * @param lastExit          how the tunnel's ssh last exited, as its supervisor recorded it ("exited 255 at …: Host
 *                          key verification failed."); null when it never did
 */
public record TunnelSample(boolean supervisorRunning, boolean postgresAnswers, PgEndpoint endpoint, Path log,
                           String lastExit) {
    /** A tunnel whose ssh has not exited yet. */
    public TunnelSample(boolean supervisorRunning, boolean postgresAnswers, PgEndpoint endpoint, Path log) {
        this(supervisorRunning, postgresAnswers, endpoint, log, null);
    }
}
