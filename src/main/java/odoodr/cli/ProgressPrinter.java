package odoodr.cli;

import odoodr.runbook.Progress;
import odoodr.runbook.ProgressListener;
import odoodr.units.ByteSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Renders the progress of a long copy: on a terminal one live line on stderr, rewritten in place; on a pipe or in
 * the journal a log line every 10 % or 30 s, and the last record at the end (a silent minute in a log looks like a
 * hang; a line per record would drown it).
 */
final class ProgressPrinter implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger("progress");
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);

    private final PrintStream terminal;
    private final Consumer<String> log;
    private final Clock clock;
    private String task;
    private Progress last;
    private Progress logged;
    private Instant loggedAt;

    /** {@code terminal} null: log lines instead of a live line. */
    ProgressPrinter(PrintStream terminal, Consumer<String> log, Clock clock) {
        this.terminal = terminal;
        this.log = log;
        this.clock = clock;
    }

    /** A live line when this process runs on a terminal, log lines otherwise. */
    static ProgressPrinter forThisProcess() {
        return new ProgressPrinter(System.console() != null ? System.err : null, LOG::info, Clock.systemUTC());
    }

    @Override
    public synchronized void onProgress(Progress p) {
        if (!p.task().equals(task)) {
            task = p.task();
            logged = null;
            loggedAt = Instant.EPOCH;
        }
        last = p;
        if (terminal != null) {
            terminal.print("\r" + line(p) + "   ");
            terminal.flush();
            return;
        }
        Instant now = clock.instant();
        int loggedPercent = logged == null ? -10 : logged.percent();
        if (p.percent() >= loggedPercent + 10 || !now.isBefore(loggedAt.plus(LOG_EVERY))) {
            logged = p;
            loggedAt = now;
            log.accept(line(p));
        }
    }

    /** Ends the live line; logs the last record when the throttle held it back. */
    @Override
    public synchronized void onEnd(String ended) {
        if (last == null || !last.task().equals(ended)) {
            return;
        }
        if (terminal != null) {
            terminal.println();
        } else if (last != logged) {
            log.accept(line(last));
        }
        last = null;
        task = null;
    }

    /** "basebackup: 45% (2.0 MB of 4.4 MB, 1.2 MB/s, ETA 3 s)", "seed odoo: 45% (2.7 MB, 1400/3005 files checked, …)". */
    static String line(Progress p) {
        StringBuilder b = new StringBuilder(p.task()).append(": ").append(p.percent()).append("% (")
                .append(ByteSize.human(p.doneBytes()));
        p.totalBytes().ifPresent(t -> b.append(" of ").append(ByteSize.human(t)));
        if (!p.detail().isEmpty()) {
            b.append(", ").append(p.detail());
        }
        p.bytesPerSecond().ifPresent(r -> b.append(", ").append(ByteSize.rate(r)));
        if (!p.complete() && p.bytesPerSecond().isPresent()) {
            p.timeLeft().ifPresent(d -> b.append(", ETA ").append(d.toSeconds()).append(" s"));
        }
        return b.append(")").toString();
    }
}
