package odoodr.health;

import java.nio.file.Path;

/**
 * The permanent tunnel as seen from this replica.
 *
 * @param supervisorRunning an {@code odoo-dr tunnel} holds the port's lock (it restarts ssh when it dies)
 * @param postgresAnswers   prod's PostgreSQL answered a protocol probe through the forward
 * @param port              the forward's local port
 * @param log               the supervisor's log file
 */
public record TunnelSample(boolean supervisorRunning, boolean postgresAnswers, int port, Path log) {
}
