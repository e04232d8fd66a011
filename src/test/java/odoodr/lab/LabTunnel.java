package odoodr.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A local port forwarded to prod's PostgreSQL over SSH. */
public final class LabTunnel implements AutoCloseable {
    private final Process process;
    private final int localPort;
    private final Path log;

    LabTunnel(Process process, int localPort, Path log) {
        this.process = process;
        this.localPort = localPort;
        this.log = log;
    }

    public int localPort() {
        return localPort;
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://127.0.0.1:" + localPort + "/" + db;
    }

    public String log() {
        return LabCommand.readQuietly(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
