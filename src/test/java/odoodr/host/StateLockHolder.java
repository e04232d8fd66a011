package odoodr.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A second, real process for {@link StateLockTest}: takes the state lock on argv[0] as command argv[1], says "held", sleeps. */
public final class StateLockHolder {
    private StateLockHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        StateLock lock = StateLock.acquire(Path.of(args[0]), args[1]);
        System.out.println("held");
        System.out.flush();
        Thread.sleep(600_000);
        lock.close();
    }

    /** Starts the holder in its own JVM and returns once it holds the lock. */
    public static Process start(Path file, String command) throws IOException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), StateLockHolder.class.getName(),
                file.toString(), command).redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"held".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("the holder did not take the lock: " + line);
        }
        return p;
    }
}
