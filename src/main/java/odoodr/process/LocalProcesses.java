package odoodr.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Local processes odoo-dr started, found by the pid its lock or pid file records. A process that has exited but not
 * been reaped (a zombie: a detached tunnel whose parent is a PID 1 that does not reap) counts as gone.
 */
public final class LocalProcesses {
    private LocalProcesses() {
    }

    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The running process with that pid whose program is {@code program} (guards against a reused pid). */
    public static Optional<ProcessHandle> runningProgram(long pid, String program) {
        return ProcessHandle.of(pid).filter(h -> running(pid))
                .filter(h -> h.info().command().map(c -> c.equals(program) || c.endsWith("/" + program)).orElse(false));
    }

    /** The running processes of {@code program} that have {@code argument} among their arguments (any user's). */
    public static List<ProcessHandle> runningWithArgument(String program, String argument) {
        return ProcessHandle.allProcesses().filter(h -> running(h.pid()))
                .filter(h -> h.info().command().map(c -> c.equals(program) || c.endsWith("/" + program)).orElse(false))
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(argument)).orElse(false))
                .toList();
    }

    /** SIGTERM, then SIGKILL when it is still running after {@code grace}. */
    public static void stop(ProcessHandle p, Duration grace) {
        p.destroy();
        if (!awaitGone(p.pid(), grace)) {
            p.destroyForcibly();
            awaitGone(p.pid(), Duration.ofSeconds(5));
        }
    }

    private static boolean awaitGone(long pid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (running(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !running(pid);
            }
        }
        return true;
    }

    public static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty (another replica's files) or not ours to remove: left as it is
        }
    }
}
