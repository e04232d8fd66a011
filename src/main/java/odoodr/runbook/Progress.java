package odoodr.runbook;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One moment of a long copy (the base backup, a filestore seed), in numbers: how the CLI shows it is its own
 * business ({@link ProgressListener}).
 *
 * @param task           what is being copied, as the line starts: "basebackup", "seed odoo"
 * @param percent        0 to 100, as the copying program estimates it
 * @param doneBytes      bytes done so far
 * @param totalBytes     the expected total, when the program knows one
 * @param detail         more of the program's own counts ("1400/3005 files checked"), or empty
 * @param bytesPerSecond the current rate, when known and above zero
 * @param timeLeft       the estimated time left, when known
 * @param complete       the last record: the copy is done
 */
public record Progress(String task, int percent, long doneBytes, OptionalLong totalBytes, String detail,
                       OptionalDouble bytesPerSecond, Optional<Duration> timeLeft, boolean complete) {
    public Progress {
        Objects.requireNonNull(task);
        Objects.requireNonNull(totalBytes);
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(bytesPerSecond);
        Objects.requireNonNull(timeLeft);
    }
}
