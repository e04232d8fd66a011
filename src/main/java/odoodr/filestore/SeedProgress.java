package odoodr.filestore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Shows the seed's progress the way the base backup's is shown: a live line on a terminal (stderr, rewritten in
 * place), and on a pipe or in the journal a log line every 10 % or 30 s, and at the end.
 */
final class SeedProgress implements Consumer<RsyncProgress> {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);

    private final String database;
    private final PrintStream terminal;
    private int loggedPercent = -10;
    private Instant loggedAt = Instant.EPOCH;
    private RsyncProgress last;

    SeedProgress(String database, boolean onTerminal) {
        this.database = database;
        this.terminal = onTerminal ? System.err : null;
    }

    static SeedProgress forThisProcess(String database) {
        return new SeedProgress(database, System.console() != null);
    }

    @Override
    public synchronized void accept(RsyncProgress p) {
        last = p;
        String line = line(database, p);
        if (terminal != null) {
            terminal.print("\r" + line + "   ");
            return;
        }
        Instant now = Instant.now();
        if (p.percent() >= loggedPercent + 10 || Duration.between(loggedAt, now).compareTo(LOG_EVERY) >= 0) {
            loggedPercent = p.percent();
            loggedAt = now;
            LOG.info(line);
        }
    }

    /** Ends the live line; logs the last record when the throttle held it back. */
    synchronized void finish() {
        if (last == null) {
            return;
        }
        if (terminal != null) {
            terminal.println();
        } else if (last.percent() != loggedPercent) {
            LOG.info(line(database, last));
        }
    }

    /** "seed odoo: 45% (2.7 MB, 1400/3005 files checked, 10.50MB/s, 0:00:12 left)". */
    static String line(String database, RsyncProgress p) {
        String files = p.listed() == 0 ? ""
                : ", " + p.checked() + "/" + p.listed() + (p.listComplete() ? "" : "+") + " files checked";
        String time = p.percent() == 100 ? "" : ", " + p.time() + " left";
        String done = p.bytes() < 1_048_576 ? String.format(Locale.ROOT, "%.1f kB", p.bytes() / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", p.bytes() / 1_048_576.0);
        return String.format(Locale.ROOT, "seed %s: %d%% (%s%s, %s%s)", database, p.percent(), done, files, p.rate(), time);
    }
}
