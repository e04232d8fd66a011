package odoodr.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Test helper: whether a process has stopped running. */
public final class ProcessChecks {
    private ProcessChecks() {
    }

    /** SIGKILL is delivered asynchronously; a killed orphan may stay a zombie when PID 1 does not reap, which is dead. */
    public static boolean stopsRunningWithin(long pid, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Path stat = Path.of("/proc/" + pid + "/stat");
        while (System.nanoTime() < deadline) {
            if (!Files.exists(stat)) {
                return true;
            }
            String s = Files.readString(stat);
            if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
