package odoodr.ssh;

import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.host.FileLock;
import odoodr.process.Supervisor;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The permanent tunnel's names and paths: the forward itself (through the {@link ServiceKeyRole#TUNNEL} key, from
 * the socket {@link PgEndpoint#permanentTunnel}), its lock and its log.
 */
public final class Tunnel {
    private Tunnel() {
    }

    public static TunnelSpec spec(Config config) {
        ServiceKeyRole key = ServiceKeyRole.TUNNEL;
        return new TunnelSpec(key.target(config), PgEndpoint.permanentTunnel(config), config.prod().pgPort(), key.user());
    }

    /** Holds the lock of the running `odoo-dr tunnel` and its pid, so two never run for one port. */
    public static Path lockFile(Config config) {
        return Path.of("/run/odoo-dr/tunnel-" + config.replica().tunnelPort() + ".lock");
    }

    /**
     * True when an `odoo-dr tunnel` supervisor holds the lock for this port. A forward that answers without one is
     * an orphaned ssh (its supervisor was killed): nobody would restart it, so it does not count.
     */
    public static boolean supervisorRunning(Config config) {
        return FileLock.held(lockFile(config));
    }

    /**
     * True when the supervisor holds the lock and the forward is its own: the ssh in its pid file is alive and its
     * child. An ssh orphaned by a killed supervisor still answers on the port until the new supervisor stops it,
     * so an answer on the socket alone does not say that the tunnel will stay up.
     */
    public static boolean supervisedForwardRunning(Config config) {
        Optional<Long> supervisor = FileLock.holderPid(lockFile(config));
        if (supervisor.isEmpty() || !supervisorRunning(config)) {
            return false;
        }
        return Supervisor.childPid(spec(config).pidFile()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .flatMap(ProcessHandle::parent).map(ProcessHandle::pid).equals(supervisor);
    }

    public static Path logFile(Config config) {
        return Path.of("/var/log/odoo-dr/tunnel-" + config.replica().tunnelPort() + ".log");
    }
}
