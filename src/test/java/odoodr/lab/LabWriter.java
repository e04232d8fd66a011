package odoodr.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A continuous attachment writer ({@code prodlab write --count 0}). */
public final class LabWriter implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final java.util.function.Consumer<LabWriter> onStop;

    LabWriter(Process process, Path log, java.util.function.Consumer<LabWriter> onStop) {
        this.process = process;
        this.log = log;
        this.onStop = onStop;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (the script finishes its current step), then SIGKILL after 30 s. Returns the exit code. */
    public int stop() {
        onStop.accept(this);
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            return process.isAlive() ? -1 : process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** What the writer said (its stderr summary). */
    public String log() {
        return LabCommand.readQuietly(log);
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
