package odoodr.ssh;

import odoodr.host.FileLock;
import odoodr.host.PrivateSocketDirectory;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.process.Supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The supervised tunnel of one replica, owned by whoever holds its lock file: `odoo-dr tunnel`, or the agent. The
 * lock holds this process's pid, so decommission and tests find the owner; a second owner is refused.
 */
public final class TunnelService implements AutoCloseable {
    private final FileLock lock;
    private final Supervisor supervisor;

    private TunnelService(FileLock lock, Supervisor supervisor) {
        this.lock = lock;
        this.supervisor = supervisor;
    }

    /** Starts supervising the tunnel, or returns empty when another process (or this one) already does. */
    public static Optional<TunnelService> tryStart(Config config) {
        TunnelSpec spec = Tunnel.spec(config);
        Path lockFile = Tunnel.lockFile(config);
        try {
            Files.createDirectories(lockFile.getParent());
            Optional<FileLock> lock = FileLock.tryAcquire(lockFile, "");
            if (lock.isEmpty()) {
                return Optional.empty();
            }
            Supervisor supervisor = new Supervisor("tunnel", spec.argv(), "ssh", spec.pidFile());
            try {
                // /run is empty after a boot: whoever starts the tunnel makes (or puts right) its socket directory
                PrivateSocketDirectory.ensure(spec.local().socketDirectory(), spec.runAs());
                supervisor.start();
            } catch (IOException | RuntimeException e) {
                lock.get().close();
                throw e;
            }
            return Optional.of(new TunnelService(lock.get(), supervisor));
        } catch (IOException e) {
            throw new DrException(ExitCode.PROCESS, "tunnel: " + e.getMessage(),
                    "the tunnel keeps its lock, pid file and socket directory under /run/odoo-dr (root's, 0755)", e);
        }
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    @Override
    public void close() {
        supervisor.close();
        lock.close();
    }
}
