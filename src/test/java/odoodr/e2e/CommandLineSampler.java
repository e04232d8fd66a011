package odoodr.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Reads every process's /proc/PID/cmdline every few milliseconds, to prove no secret is ever passed as an argument. */
final class CommandLineSampler implements AutoCloseable {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    private CommandLineSampler() {
        thread = new Thread(this::loop, "cmdline-sampler");
        thread.setDaemon(true);
    }

    static CommandLineSampler start() {
        CommandLineSampler s = new CommandLineSampler();
        s.thread.start();
        return s;
    }

    private void loop() {
        while (running) {
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                    try {
                        byte[] b = Files.readAllBytes(p.resolve("cmdline"));
                        if (b.length > 0) {
                            seen.add(new String(b, StandardCharsets.UTF_8).replace('\0', ' '));
                        }
                    } catch (IOException gone) {
                        // the process ended between list and read
                    }
                });
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

    Set<String> seen() {
        return Set.copyOf(seen);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
