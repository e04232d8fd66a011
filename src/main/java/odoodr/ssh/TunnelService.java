package odoodr.ssh;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.process.Supervisor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The supervised tunnel of one replica, owned by whoever holds its lock file: `odoo-dr tunnel`, or the agent. The
 * lock holds this process's pid, so decommission and tests find the owner; a second owner is refused.
 */
public final class TunnelService implements AutoCloseable {
    /**
     * Lock files held by this JVM. POSIX drops every lock a process holds on a file as soon as the process closes
     * any descriptor of that file, so nobody in this JVM may even open a held lock file to test it.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final FileLock lock;
    private final Supervisor supervisor;

    private final Path lockFile;

    private TunnelService(Path lockFile, FileChannel channel, FileLock lock, Supervisor supervisor) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.supervisor = supervisor;
    }

    /** Starts supervising the tunnel, or returns empty when another process already does. */
    public static Optional<TunnelService> tryStart(Config config) {
        TunnelSpec spec = Tunnel.spec(config);
        if (heldHere(Tunnel.lockFile(config))) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(Tunnel.lockFile(config).getParent());
            FileChannel ch = FileChannel.open(Tunnel.lockFile(config), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                return Optional.empty();
            }
            ch.truncate(0);
            ch.write(StandardCharsets.UTF_8.encode(ProcessHandle.current().pid() + "\n"));
            Supervisor supervisor = new Supervisor("tunnel", spec.argv(), "ssh", spec.pidFile());
            supervisor.start();
            HELD_HERE.add(Tunnel.lockFile(config));
            return Optional.of(new TunnelService(Tunnel.lockFile(config), ch, lock, supervisor));
        } catch (IOException e) {
            throw new DrException(ExitCode.PROCESS, "tunnel: " + e.getMessage(), null, e);
        }
    }

    public static boolean heldHere(Path lockFile) {
        return HELD_HERE.contains(lockFile);
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    @Override
    public void close() {
        supervisor.close();
        HELD_HERE.remove(lockFile);
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
