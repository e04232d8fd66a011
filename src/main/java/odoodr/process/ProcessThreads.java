package odoodr.process;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Daemon threads that pump the pipes of child processes; never block JVM exit. */
final class ProcessThreads {
    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "process-io");
        t.setDaemon(true);
        return t;
    });

    private ProcessThreads() {
    }
}
