package odoodr.ssh;

import odoodr.config.Config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
        Path lock = lockFile(config);
        if (TunnelService.heldHere(lock)) {
            return true; // opening it here would release it (POSIX record locks)
        }
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock l = ch.tryLock()) {
            return l == null;
        } catch (IOException e) {
            return false;
        }
    }

    public static Path logFile(Config config) {
        return Path.of("/var/log/odoo-dr/tunnel-" + config.replica().tunnelPort() + ".log");
    }
}
