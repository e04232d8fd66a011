package odoodr.archive;

import odoodr.postgres.Lsn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a base backup's {@code backup_label} says about where it starts:
 * {@code START WAL LOCATION: 0/5000028 (file 000000010000000000000005)} and {@code START TIMELINE: 1}. The start
 * segment is what retention keeps WAL from ({@code pg_archivecleanup} removes every segment before it).
 */
public record BackupLabelFile(Lsn startLsn, String startSegment, int timeline) {
    private static final Pattern START = Pattern.compile(
            "(?m)^START WAL LOCATION: ([0-9A-Fa-f]+/[0-9A-Fa-f]+) \\(file ([0-9A-F]{24})\\)\\s*$");
    private static final Pattern TIMELINE = Pattern.compile("(?m)^START TIMELINE: (\\d+)\\s*$");

    /** Parses backup_label's text; a label without the lines is an {@link IllegalArgumentException}. */
    public static BackupLabelFile parse(String text) {
        Matcher start = START.matcher(text);
        if (!start.find()) {
            throw new IllegalArgumentException("backup_label has no START WAL LOCATION line");
        }
        Matcher timeline = TIMELINE.matcher(text);
        if (!timeline.find()) {
            throw new IllegalArgumentException("backup_label has no START TIMELINE line");
        }
        return new BackupLabelFile(Lsn.parse(start.group(1)), start.group(2), Integer.parseInt(timeline.group(1)));
    }
}
