package odoodr.ssh;

import odoodr.config.Config;

import odoodr.host.FileLock;

import java.nio.file.Path;

/**
 * The permanent tunnel's names and paths: the forward itself (through the {@link ServiceKeyRole#TUNNEL} key), its
 * lock and its log.
 */
public final class Tunnel {
    private Tunnel() {
    }

    public static TunnelSpec spec(Config config) {
        ServiceKeyRole key = ServiceKeyRole.TUNNEL;
        return new TunnelSpec(key.target(config), config.replica().tunnelPort(), config.prod().pgPort(), key.user());
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

    public static Path logFile(Config config) {
        return Path.of("/var/log/odoo-dr/tunnel-" + config.replica().tunnelPort() + ".log");
    }
}
