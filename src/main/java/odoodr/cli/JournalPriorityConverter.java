package odoodr.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The syslog priority prefix ({@code <3>} … {@code <7>}) that journald reads at the start of a line it receives on a
 * service's stream (systemd.exec(5) SyslogLevelPrefix=, on by default), so that {@code journalctl -p warning} shows
 * warnings and errors only; empty when stderr is not that stream (a terminal, the detached agent's log file), where
 * the prefix would only be noise. Whether it is: JOURNAL_STREAM holds the device and inode of the stream systemd
 * connected, compared with stderr's own (sd_journal_stream_fd(3)), since a child started from a unit's shell may
 * inherit the variable with another stderr.
 */
public final class JournalPriorityConverter extends ClassicConverter {
    private static final boolean TO_JOURNAL = stderrIsJournal(System.getenv("JOURNAL_STREAM"), Path.of("/proc/self/fd/2"));

    @Override
    public String convert(ILoggingEvent event) {
        return TO_JOURNAL ? prefix(event.getLevel()) : "";
    }

    /** syslog(3) priorities: err 3, warning 4, info 6, debug 7. */
    static String prefix(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return "<3>";
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return "<4>";
        }
        return level.isGreaterOrEqual(Level.INFO) ? "<6>" : "<7>";
    }

    /** JOURNAL_STREAM is "device:inode" (decimal); stderr is the journal's stream when both match. */
    static boolean stderrIsJournal(String journalStream, Path stderr) {
        if (journalStream == null || !journalStream.matches("[0-9]+:[0-9]+")) {
            return false;
        }
        try {
            long dev = ((Number) Files.getAttribute(stderr, "unix:dev")).longValue();
            long ino = ((Number) Files.getAttribute(stderr, "unix:ino")).longValue();
            return journalStream.equals(dev + ":" + ino);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }
}
