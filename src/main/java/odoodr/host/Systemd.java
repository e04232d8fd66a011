package odoodr.host;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether systemd manages this machine (sd_booted(3): the directory exists only when systemd is PID 1). */
public final class Systemd {
    private Systemd() {
    }

    public static boolean isRunning() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }
}
