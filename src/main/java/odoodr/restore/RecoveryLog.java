package odoodr.restore;

import odoodr.postgres.Lsn;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a restored copy's server log says about its recovery (PostgreSQL 15's messages, xlogrecovery.c): whether it
 * gave up before its target, where redo ended and the last transaction it replayed. Pure: the lines are read
 * elsewhere, from the log written since the copy was started.
 */
public record RecoveryLog(List<String> lines) {
    static final String TARGET_NOT_REACHED = "recovery ended before configured recovery target was reached";
    private static final Pattern REDO_DONE = Pattern.compile("redo done at ([0-9A-F]+/[0-9A-F]+)");
    private static final Pattern LAST_TRANSACTION = Pattern.compile(
            "last completed transaction was at log time (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?[+-]\\d\\d(?::\\d\\d)?)");
    private static final DateTimeFormatter PG_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HH:mm", "Z")
            .toFormatter();

    public boolean targetNotReached() {
        return lines.stream().anyMatch(l -> l.contains(TARGET_NOT_REACHED));
    }

    /** The start of the last record redo replayed. */
    public Optional<Lsn> redoDoneAt() {
        return last(REDO_DONE).map(Lsn::parse);
    }

    /** The commit time of the last transaction recovery replayed. */
    public Optional<Instant> lastTransaction() {
        return last(LAST_TRANSACTION).flatMap(RecoveryLog::parseTimestamp);
    }

    /** The last FATAL or PANIC line, for a message when recovery failed for another reason. */
    public Optional<String> lastFatal() {
        return lines.stream().filter(l -> l.contains("FATAL:") || l.contains("PANIC:")).reduce((a, b) -> b);
    }

    static Optional<Instant> parseTimestamp(String text) {
        String t = text.matches(".*[+-]\\d\\d$") ? text + ":00" : text;
        try {
            return Optional.of(OffsetDateTime.parse(t, PG_TIMESTAMP).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Optional<String> last(Pattern p) {
        String found = null;
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.find()) {
                found = m.group(1);
            }
        }
        return Optional.ofNullable(found);
    }
}
