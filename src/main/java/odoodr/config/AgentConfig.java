package odoodr.config;

import java.util.Objects;

/**
 * {@code agent:} the long-running daemon.
 *
 * @param listen               agent.listen: address of /health, /metrics and the status page
 * @param listenBeyondLoopback agent.listen_beyond_loopback: the operator wants the (unauthenticated) endpoints
 *                             reachable from other machines
 */
public record AgentConfig(HostPort listen, boolean listenBeyondLoopback) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 9187);

    public AgentConfig {
        Objects.requireNonNull(listen, "listen");
    }
}
