package odoodr.process;

import odoodr.lab.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Test helper: whether a process has stopped running. */
public final class ProcessChecks {
    private ProcessChecks() {
    }

    /** SIGKILL is delivered asynchronously; a killed orphan may stay a zombie when PID 1 does not reap, which is dead. */
    public static boolean stopsRunningWithin(long pid, Duration limit) {
        Path stat = Path.of("/proc/" + pid + "/stat");
        return Poll.lastOf(limit, Duration.ofMillis(50), () -> {
            try {
                return isZombie(Files.readString(stat));
            } catch (java.nio.file.NoSuchFileException gone) {
                return true;
            }
        }, Boolean::booleanValue);
    }

    private static boolean isZombie(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }
}
