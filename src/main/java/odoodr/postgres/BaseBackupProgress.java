package odoodr.postgres;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One progress record of {@code pg_basebackup -P} (PostgreSQL 15 {@code progress_report()}), written to stderr as
 *
 * <pre>
 *    72/45920 kB (0%), 0/1 tablespace (/var/lib/postgresql/15/main/global/2677)    -- with -v: the current file
 * 45931/45931 kB (100%), 0/1 tablespace (...ostgresql/15/main/global/pg_control)   -- long names cut at the front
 * 45931/45931 kB (100%), 1/1 tablespace                                            -- last record, or without -v
 * </pre>
 * The done column is right-aligned to the width of the total; with {@code -v} the file name is padded to 35
 * characters (then {@code ...} and its last 32). Records end with {@code \r} on a terminal and {@code \n} otherwise
 * (a pipe, or the journal under systemd-run), the last one always with {@code \n}. The total is the server's
 * estimate: pg_basebackup raises it to the done amount when the estimate falls short, so done never exceeds total
 * and the last records may show a total larger than the first ones.
 *
 * <p>The wording is translated when pg_basebackup runs under a non-English locale: run it with {@code LC_ALL=C}
 * (or {@code LC_MESSAGES=C}) so that these records can be recognised.
 *
 * @param doneKiB          kibibytes copied so far (pg_basebackup's "kB" are units of 1024 bytes)
 * @param totalKiB         estimated total
 * @param percent          as printed, 0 to 100
 * @param tablespacesDone  tablespaces finished
 * @param tablespacesTotal tablespaces to copy (1 for a cluster without extra tablespaces)
 * @param currentFile      the file being copied, when pg_basebackup runs with {@code -v} (may start with
 *                         {@code ...} when cut)
 */
public record BaseBackupProgress(long doneKiB, long totalKiB, int percent, int tablespacesDone, int tablespacesTotal,
        Optional<String> currentFile) {

    private static final Pattern RECORD = Pattern.compile(
            "\\s*(\\d+)/(\\d+) kB \\((\\d+)%\\), (\\d+)/(\\d+) tablespaces?(?: \\((.*)\\))?\\s*");

    public BaseBackupProgress {
        if (doneKiB < 0 || totalKiB < 0 || percent < 0 || percent > 100 || tablespacesDone < 0
                || tablespacesTotal < 0) {
            throw new IllegalArgumentException("invalid progress values");
        }
        currentFile = currentFile == null ? Optional.empty() : currentFile;
    }

    /**
     * The progress in one record of pg_basebackup's stderr (surrounding whitespace allowed), or empty if the text is
     * another message ({@code pg_basebackup: ...} verbose lines, errors, {@code waiting for checkpoint}).
     */
    public static Optional<BaseBackupProgress> parse(String record) {
        Matcher m = RECORD.matcher(record);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            String file = m.group(6) == null ? null : m.group(6).strip();
            return Optional.of(new BaseBackupProgress(
                    Long.parseLong(m.group(1)),
                    Long.parseLong(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)),
                    Optional.ofNullable(file).filter(f -> !f.isEmpty())));
        } catch (IllegalArgumentException outOfRange) {
            // digits too long for a long, or a percent above 100: not something pg_basebackup prints
            return Optional.empty();
        }
    }

    public long doneBytes() {
        return doneKiB * 1024;
    }

    public long totalBytes() {
        return totalKiB * 1024;
    }

    /** done / total between 0 and 1, finer than {@link #percent()}; 0 when the total is unknown. */
    public double fraction() {
        return totalKiB == 0 ? 0.0 : Math.min(1.0, (double) doneKiB / totalKiB);
    }

    /** True for pg_basebackup's final record: every tablespace copied. */
    public boolean isComplete() {
        return tablespacesTotal > 0 && tablespacesDone == tablespacesTotal;
    }
}
