package odoodr.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps one long-running child alive (the tunnel's {@code ssh -N}): restarts it when it exits — at once when it had
 * run for {@link #HEALTHY_AFTER} or longer (it was up: a dropped link or a {@code kill -9} must not leave the tunnel
 * down for a backoff), with exponential backoff only while it keeps failing quickly — logs its stderr, and records its pid so that a child orphaned by a killed supervisor is found and stopped
 * by the next one instead of holding the port forever. How the child last exited, with its own last words ("Host
 * key verification failed."), is recorded beside the pid file ({@link #lastExit}), so that a step waiting for the
 * child can say why it is not up instead of pointing at a log.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("supervisor");
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /**
     * A child that ran this long had started properly (ssh fails authentication, a host key or a forward within a
     * second or so): when it exits it is restarted at once and the backoff starts over. No hot loop can come of it:
     * such a child is started at most once per this period.
     */
    static final Duration HEALTHY_AFTER = Duration.ofSeconds(5);
    /** Lines of the child's output kept as its reason: ssh says why in its last line or two. */
    private static final int LAST_WORDS = 3;

    private final String name;
    private final List<String> argv;
    private final Path pidFile;
    private final String program;
    private final Duration healthyAfter;
    private final AtomicReference<Process> current = new AtomicReference<>();
    private final AtomicInteger starts = new AtomicInteger();
    private volatile Instant lastStart;
    private volatile Duration lastRestartDelay;
    private volatile boolean stopping;
    private Thread thread;

    /**
     * @param program the program the child finally is (e.g. "ssh" when argv starts with setpriv, which execs it):
     *                a pid-file entry is only trusted as our orphan when that pid still runs this program
     */
    public Supervisor(String name, List<String> argv, String program, Path pidFile) {
        this(name, argv, program, pidFile, HEALTHY_AFTER);
    }

    /** {@code healthyAfter}: see {@link #HEALTHY_AFTER} (tests shorten it). */
    Supervisor(String name, List<String> argv, String program, Path pidFile, Duration healthyAfter) {
        this.healthyAfter = healthyAfter;
        this.name = name;
        this.argv = List.copyOf(argv);
        this.program = program;
        this.pidFile = pidFile;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        stopOrphan();
        thread = new Thread(this::loop, "supervisor-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Process id of the running child, if any. */
    public Optional<Long> childPid() {
        Process p = current.get();
        return p != null && p.isAlive() ? Optional.of(p.pid()) : Optional.empty();
    }

    public int starts() {
        return starts.get();
    }

    public Optional<Instant> lastStart() {
        return Optional.ofNullable(lastStart);
    }

    /** How long the supervisor waited before its last restart of the child (empty before the first restart). */
    public Optional<Duration> lastRestartDelay() {
        return Optional.ofNullable(lastRestartDelay);
    }

    private void loop() {
        RestartDelay restartDelay = new RestartDelay(healthyAfter);
        while (!stopping) {
            Instant started = Instant.now();
            int exit = runOnce();
            if (stopping) {
                break;
            }
            Duration delay = restartDelay.after(Duration.between(started, Instant.now()));
            lastRestartDelay = delay;
            LOG.warn("{}: exited with {}; restarting {}", name, exit,
                    delay.isZero() ? "now (it had been up)" : "in " + delay.toMillis() + " ms");
            sleep(delay);
        }
    }

    /** How long to wait before the next start, by how long the child just ran: see {@link #HEALTHY_AFTER}. */
    static final class RestartDelay {
        private final Duration healthyAfter;
        private Duration backoff = FIRST_BACKOFF;

        RestartDelay(Duration healthyAfter) {
            this.healthyAfter = healthyAfter;
        }

        Duration after(Duration ran) {
            if (ran.compareTo(healthyAfter) >= 0) {
                backoff = FIRST_BACKOFF;
                return Duration.ZERO;
            }
            Duration delay = backoff;
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            return delay;
        }
    }

    private int runOnce() {
        try {
            ProcessBuilder pb = ChildEnvironment.apply(new ProcessBuilder(argv),
                            ChildEnvironment.of(System.getenv(), Map.of()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true);
            Process p = pb.start();
            current.set(p);
            lastStart = Instant.now();
            starts.incrementAndGet();
            writePid(p.pid());
            LOG.info("{}: started (pid {})", name, p.pid());
            java.util.Deque<String> lastWords = new java.util.ArrayDeque<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    LOG.warn("{}: {}", name, line);
                    if (!line.isBlank()) {
                        lastWords.addLast(line.strip());
                        if (lastWords.size() > LAST_WORDS) {
                            lastWords.removeFirst();
                        }
                    }
                }
            }
            int exit = p.waitFor();
            if (!stopping) {
                writeLastExit(exit, String.join(" | ", lastWords));
            }
            return exit;
        } catch (IOException e) {
            LOG.error("{}: cannot start {}: {}", name, argv.get(0), e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Kills the current child; the supervisor restarts it (used to force a reconnect). */
    public void restartChild() {
        Process p = current.get();
        if (p != null) {
            ProcessRunner.killTree(p);
        }
    }

    @Override
    public synchronized void close() {
        stopping = true;
        Process p = current.get();
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    ProcessRunner.killTree(p);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.debug("{}: cannot remove {}: {}", name, pidFile, e.getMessage());
        }
    }

    private void writePid(long pid) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, pid + "\n");
        } catch (IOException e) {
            LOG.warn("{}: cannot write pid file {}: {}", name, pidFile, e.getMessage());
        }
    }

    private void writeLastExit(int exit, String lastWords) {
        try {
            Files.writeString(lastExitFile(pidFile), "exited " + exit + " at " + Instant.now().truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS) + (lastWords.isEmpty() ? "" : ": " + lastWords) + "\n");
        } catch (IOException e) {
            LOG.warn("{}: cannot record its exit in {}: {}", name, lastExitFile(pidFile), e.getMessage());
        }
    }

    /** Where the supervisor of {@code pidFile} records how its child last exited (status shows it; decommission removes it). */
    public static Path lastExitFile(Path pidFile) {
        return pidFile.resolveSibling(pidFile.getFileName().toString().replaceFirst("\\.pid$", "") + ".last-exit");
    }

    /**
     * How the child of the supervisor with {@code pidFile} last exited, e.g. {@code exited 255 at
     * 2026-12-03T14:58:01Z: Host key verification failed.}; empty when it never did (or the record is unreadable).
     */
    public static Optional<String> lastExit(Path pidFile) {
        try {
            return Optional.of(Files.readString(lastExitFile(pidFile)).strip()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The pid a supervisor recorded in {@code pidFile} for its child, if the file is there and readable. */
    public static Optional<Long> childPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A child left behind by a supervisor that was killed: stop it if it is still the same program. */
    private void stopOrphan() {
        childPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.equals(program) || c.endsWith("/" + program)).orElse(false))
                .ifPresent(h -> {
                    LOG.warn("{}: stopping orphaned child pid {} left by a previous run", name, h.pid());
                    h.destroyForcibly();
                });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
