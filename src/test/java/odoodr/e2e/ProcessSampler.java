package odoodr.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads every process's /proc/PID/cmdline every few milliseconds, to prove no secret is ever passed as an argument;
 * and the environment of every direct child this JVM started since the sampler began, to prove what odoo-dr gives
 * the programs it runs (their own children get what those programs choose: pg_ctlcluster sets PGDATA for postgres).
 */
final class ProcessSampler implements AutoCloseable {
    private final Set<String> commandLines = ConcurrentHashMap.newKeySet();
    /** command line → the names of its environment variables */
    private final Map<String, Set<String>> childEnvironments = new ConcurrentHashMap<>();
    private final Set<String> environmentValues = ConcurrentHashMap.newKeySet();
    /** with a margin for /proc's start times, counted in clock ticks */
    private final Instant since = Instant.now().minusMillis(200);
    private final long self = ProcessHandle.current().pid();
    private final Thread thread;
    private volatile boolean running = true;

    private ProcessSampler() {
        thread = new Thread(this::loop, "process-sampler");
        thread.setDaemon(true);
    }

    static ProcessSampler start() {
        ProcessSampler s = new ProcessSampler();
        s.thread.start();
        return s;
    }

    private void loop() {
        while (running) {
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(this::sample);
            } catch (IOException e) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample(Path proc) {
        try {
            byte[] b = Files.readAllBytes(proc.resolve("cmdline"));
            if (b.length == 0) {
                return;
            }
            String commandLine = new String(b, StandardCharsets.UTF_8).replace('\0', ' ');
            commandLines.add(commandLine);
            long pid = Long.parseLong(proc.getFileName().toString());
            // jspawnhelper is the JVM's own launcher between fork and exec, with the JVM's environment
            if (startedByUsSince(pid) && !commandLine.contains("/jspawnhelper ")) {
                List<String> env = environment(pid);
                environmentValues.addAll(env);
                childEnvironments.merge(commandLine, names(env), (x, y) -> {
                    Set<String> u = new java.util.TreeSet<>(x);
                    u.addAll(y);
                    return u;
                });
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between list and read
        }
    }

    /** Whether {@code pid} is a child of this JVM that started after the sampler did. */
    private boolean startedByUsSince(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.flatMap(ProcessHandle::parent).map(ProcessHandle::pid).filter(parent -> parent == self).isPresent()
                && p.get().info().startInstant().map(t -> !t.isBefore(since)).orElse(false);
    }

    /** The NAME=value entries of {@code pid}'s environment. */
    static List<String> environment(long pid) throws IOException {
        return Arrays.stream(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8)
                .split("\0")).filter(e -> e.contains("=")).toList();
    }

    /** The names of NAME=value entries. */
    static Set<String> names(List<String> environment) {
        return environment.stream().map(e -> e.substring(0, e.indexOf('='))).collect(Collectors.toSet());
    }

    Set<String> commandLines() {
        return Set.copyOf(commandLines);
    }

    /** For each command line of this JVM's children: the names of the variables in its environment. */
    Map<String, Set<String>> childEnvironments() {
        return Map.copyOf(childEnvironments);
    }

    /** Every NAME=value seen in those children's environments. */
    Set<String> childEnvironmentEntries() {
        return Set.copyOf(environmentValues);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
