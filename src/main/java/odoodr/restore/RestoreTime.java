package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The TIME of {@code restore --at}: ISO-8601 with an offset ({@code 2026-12-03T17:40:00+01:00}, {@code ...Z}), or
 * {@code YYYY-MM-DD HH:MM[:SS]} read in the host's time zone, which the output names so that an operator who
 * thought in another zone sees it.
 *
 * @param instant the point in time
 * @param zone    how the text was read: "offset +01:00 given" or the host zone's id
 */
public record RestoreTime(Instant instant, String zone) {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[ ]['T']HH:mm")
            .optionalStart().appendPattern(":ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
            .toFormatter(Locale.ROOT);

    public static RestoreTime parse(String text, ZoneId hostZone) {
        String t = text == null ? "" : text.strip();
        try {
            OffsetDateTime withOffset = OffsetDateTime.parse(t.replace(' ', 'T'));
            return new RestoreTime(withOffset.toInstant(), "offset " + withOffset.getOffset().getId() + " as given");
        } catch (DateTimeParseException noOffset) {
            try {
                LocalDateTime local = LocalDateTime.parse(t, LOCAL);
                return new RestoreTime(local.atZone(hostZone).toInstant(), "the host's time zone " + hostZone.getId());
            } catch (DateTimeException e) {
                throw new DrException(ExitCode.USAGE, "restore --at: cannot read \"" + t + "\" as a time",
                        "give ISO-8601 with an offset (2026-12-03T17:40:00+01:00) or 'YYYY-MM-DD HH:MM[:SS]' in"
                                + " this host's time zone (" + hostZone.getId() + ")");
            }
        }
    }
}
