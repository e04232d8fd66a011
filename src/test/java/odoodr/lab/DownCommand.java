package odoodr.lab;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one teardown of something a script built for a test (a prod lab, a systemd container): its {@code down}
 * command, run once by {@link #run()}, and by a JVM shutdown hook as the last resort when the JVM dies without
 * afterAll (Ctrl-C, System.exit), so nothing is left behind. The command must be idempotent.
 */
final class DownCommand {
    private final List<String> command;
    private final Duration timeout;
    private final AtomicBoolean done = new AtomicBoolean();
    private final Thread shutdownHook;

    DownCommand(List<String> command, Duration timeout, String threadName) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.shutdownHook = new Thread(() -> LabCommand.run(this.command, null, timeout), threadName);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Runs the command (the first call only) and fails when it does; the shutdown hook is gone either way. */
    void run() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            LabCommand.run(command, null, timeout).requireOk();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to: it repeats an idempotent down
            }
        }
    }
}
