package odoodr.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What a finished external program did: its exit code, everything it printed, and how long it took. */
public record ProcessResult(int exitCode, byte[] stdoutBytes, byte[] stderrBytes, Duration elapsed) {

    public String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    public String stderr() {
        return new String(stderrBytes, StandardCharsets.UTF_8);
    }

    /** stdout without the trailing newline(s) most programs print. */
    public String stdoutTrimmed() {
        return stdout().stripTrailing();
    }
}
