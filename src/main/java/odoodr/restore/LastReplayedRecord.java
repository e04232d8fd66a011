package odoodr.restore;

import odoodr.host.ServiceUser;
import odoodr.postgres.Lsn;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start of the last WAL record the standby replayed, read with pg_waldump from its pg_wal. A copy that must stop
 * exactly where the standby stands needs it: PostgreSQL stops an inclusive {@code recovery_target_lsn} after the first
 * record that <em>starts</em> at or past the target, so the replay position itself (the end of that last record) is
 * reached only once a later record exists — and none may have arrived yet. Targeting the start stops after that
 * record, at the replay position, whatever follows.
 */
final class LastReplayedRecord {
    private static final Pattern RECORD_LSN = Pattern.compile("\\blsn: ([0-9A-F]+/[0-9A-F]+),");
    private static final Duration WALDUMP = Duration.ofMinutes(2);

    private LastReplayedRecord() {
    }

    /**
     * The last record that starts before {@code end} (the standby's replay position), searched from the start of the
     * segment before {@code end}; empty when pg_waldump finds none there (one record longer than a segment, or the
     * segment already recycled), then the caller targets {@code end} itself.
     */
    static Optional<Lsn> before(ProcessRunner runner, Path binDirectory, Path walDirectory, int timeline, Lsn end,
                                long segmentBytes) {
        if (end.value() <= 1) {
            return Optional.empty();
        }
        long segmentStart = (end.value() - 1) / segmentBytes * segmentBytes;
        ProcessResult r = runner.runAllowingFailure(Command.of(ServiceUser.POSTGRES.as(List.of(
                binDirectory.resolve("pg_waldump").toString(), "--path=" + walDirectory, "--timeline=" + timeline,
                "--start=" + Lsn.of(segmentStart), "--end=" + end))).timeout(WALDUMP).build());
        return lastRecordStart(r.stdout()).filter(start -> start.isBefore(end));
    }

    /** The start of the last record pg_waldump printed. */
    static Optional<Lsn> lastRecordStart(String waldumpOutput) {
        Lsn last = null;
        for (String line : waldumpOutput.split("\n")) {
            Matcher m = RECORD_LSN.matcher(line);
            if (line.startsWith("rmgr: ") && m.find()) {
                last = Lsn.parse(m.group(1));
            }
        }
        return Optional.ofNullable(last);
    }
}
