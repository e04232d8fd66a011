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
 */
public record TunnelSample(boolean supervisorRunning, boolean postgresAnswers, PgEndpoint endpoint, Path log) {
}
