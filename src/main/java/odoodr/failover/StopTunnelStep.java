package odoodr.failover;

import odoodr.process.LocalProcesses;

import odoodr.process.Supervisor;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.host.FileLock;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.ssh.TunnelSpec;
import odoodr.ssh.Tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runbook "Decommission" 1: the tunnel stops. Where systemd is not PID 1, setup started {@code odoo-dr tunnel}
 * detached; its pid is in the lock file it holds. It gets SIGTERM (its shutdown hook stops ssh and removes the pid
 * file), SIGKILL if it has not gone after a grace period, and an ssh orphaned by a killed supervisor is stopped too.
 * Then its lock, pid and log files go. Stopping the tunnel first is what makes our slot on prod inactive.
 */
final class StopTunnelStep implements Step<FailoverContext> {
    static final Duration GRACE = Duration.ofSeconds(10);

    @Override
    public String id() {
        return "tunnel-stopped";
    }

    @Override
    public String title() {
        return "tunnel to prod stopped, its files removed";
    }

    @Override
    public Check check(FailoverContext ctx) {
        Config c = ctx.config();
        List<String> todo = new ArrayList<>();
        if (Tunnel.supervisorRunning(c)) {
            todo.add("stop `odoo-dr tunnel` (pid " + FileLock.holderPid(Tunnel.lockFile(c)).map(String::valueOf).orElse("?")
                    + "; SIGTERM, SIGKILL after " + GRACE.toSeconds() + " s)");
        }
        orphanSsh(c).ifPresent(p -> todo.add("stop its ssh (pid " + p.pid() + ")"));
        List<Path> files = existing(files(c));
        if (!files.isEmpty()) {
            todo.add("remove " + String.join(", ", files.stream().map(Path::toString).toList()));
        }
        return todo.isEmpty()
                ? Check.satisfied("no tunnel process for port " + c.replica().tunnelPort() + ", no lock, pid, log or socket")
                : Check.needed(String.join("; ", todo));
    }

    @Override
    public void apply(FailoverContext ctx) {
        Config c = ctx.config();
        if (Tunnel.supervisorRunning(c)) {
            long pid = FileLock.holderPid(Tunnel.lockFile(c)).orElseThrow(() -> new DrException(ExitCode.FAILOVER,
                    "the tunnel's lock " + Tunnel.lockFile(c) + " is held but names no pid",
                    "find the process with: fuser " + Tunnel.lockFile(c)));
            ProcessHandle.of(pid).ifPresent(p -> LocalProcesses.stop(p, GRACE));
        }
        orphanSsh(c).ifPresent(p -> LocalProcesses.stop(p, Duration.ofSeconds(3)));
        for (Path f : files(c)) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new DrException(ExitCode.FAILOVER, "cannot remove " + f + ": " + e.getMessage(), null, e);
            }
        }
        LocalProcesses.deleteIfEmpty(Tunnel.lockFile(c).getParent());
        LocalProcesses.deleteIfEmpty(Tunnel.logFile(c).getParent());
    }

    private static Optional<ProcessHandle> orphanSsh(Config c) {
        return Supervisor.childPid(pidFile(c)).flatMap(pid -> LocalProcesses.runningProgram(pid, "ssh"));
    }

    private static Path pidFile(Config c) {
        TunnelSpec spec = Tunnel.spec(c);
        return spec.pidFile();
    }

    /** The socket before its directory: the directory is removed once empty. */
    private static List<Path> files(Config c) {
        PgEndpoint socket = PgEndpoint.permanentTunnel(c);
        return List.of(Tunnel.lockFile(c), pidFile(c), odoodr.process.Supervisor.lastExitFile(pidFile(c)), Tunnel.logFile(c),
                socket.socketFile(), socket.socketDirectory());
    }

    private static List<Path> existing(List<Path> paths) {
        return paths.stream().filter(Files::exists).toList();
    }
}
