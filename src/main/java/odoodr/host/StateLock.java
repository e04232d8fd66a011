package odoodr.host;

import odoodr.DrException;
import odoodr.ExitCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one lock every command that changes this host's state holds for its whole life (setup, promote, decommission;
 * not their --dry-run, which changes nothing): two of them at once would each generate a replication password, share
 * the partial data directory, and race on the service keys. It is a {@link FileLock}, so the kernel lets go when the
 * holder dies, even by kill -9, and the holder writes its pid, command and start time into the file for the
 * message of whoever is refused.
 *
 * <p>One lock per host, not per replica: the service users' keys, known_hosts, ~postgres/.pgpass and the systemd
 * units are shared by every replica on this host, so a per-replica lock would leave those races open. The agent
 * never takes it (its filestore transfers have {@code SyncLock}), so setup while the agent runs stays fine, and the
 * agent can never wait on a setup. The file is root's, mode 0600: a local user who could open it could hold a
 * shared lock on it and stop every setup.
 */
public final class StateLock implements AutoCloseable {
    public static final Path DEFAULT_FILE = Path.of("/run/odoo-dr/state.lock");
    private static final FileLock.NewFile ROOT_ONLY = new FileLock.NewFile("rw-------", Optional.empty());

    private final FileLock lock;

    private StateLock(FileLock lock) {
        this.lock = lock;
    }

    /** Takes the host's state lock for {@code command} ("setup"), or refuses at once, naming the holder. */
    public static StateLock acquire(String command) {
        return acquire(DEFAULT_FILE, command);
    }

    static StateLock acquire(Path file, String command) {
        String holder = "odoo-dr " + command + ", started " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            return new StateLock(FileLock.acquire(file, holder, Duration.ZERO, ROOT_ONLY)
                    .orElseThrow(() -> busy(file, command)));
        } catch (IOException e) {
            throw new DrException(ExitCode.PRECONDITION, command + ": cannot take the state lock " + file + ": "
                    + e.getMessage(), "odoo-dr " + command + " changes this host's state and must run as root", e);
        }
    }

    private static DrException busy(Path file, String command) {
        String holder = FileLock.holder(file).map(StateLock::describe).orElse("another odoo-dr command");
        return new DrException(ExitCode.PRECONDITION, command + " refused: " + holder
                + " is changing this host's state (lock " + file + ")",
                "wait until it has ended, then run " + command + " again; if that process is gone, the lock is free already");
    }

    /** "pid 123 (odoo-dr setup, started 2026-…)" from what the holder wrote ("123 odoo-dr setup, started …"). */
    static String describe(String written) {
        String[] parts = written.split(" ", 2);
        return parts.length == 2 ? "pid " + parts[0] + " (" + parts[1] + ")" : "pid " + written;
    }

    @Override
    public void close() {
        lock.close();
    }
}
