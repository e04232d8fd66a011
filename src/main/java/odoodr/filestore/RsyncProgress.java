package odoodr.filestore;

import odoodr.runbook.Progress;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One record of {@code rsync --info=progress2} (whole-transfer progress, rsync 3.1+):
 * <pre>
 *      4500   4%    4.29MB/s    0:00:00 (xfr#2, to-chk=129/134)
 *  1,234,567  45%   10.50MB/s    0:00:12 (xfr#310, ir-chk=1000/4000)   -- with digit separators (-h level 1)
 *      96000 100%   22.89MB/s    0:00:00 (xfr#68, to-chk=0/134)
 * </pre>
 * Records end with {@code \r}, the last one of a file list with {@code \n}. The time column is the estimated time
 * left while the transfer runs and the elapsed time on the final record. {@code ir-chk} means the file list is still
 * being built (incremental recursion): its total grows, and so does the meaning of the percentage; with
 * {@code --no-inc-recursive} rsync prints {@code to-chk} against a known total.
 *
 * @param bytes        bytes transferred (and skipped as up to date) so far
 * @param percent      of the whole transfer's bytes, as rsync estimates it
 * @param rate         rsync's own rate column ("22.89MB/s")
 * @param time         time left (or elapsed, on the final record), h:mm:ss
 * @param transferred  files transferred so far (xfr#), 0 before the first
 * @param toCheck      entries of the file list still to check
 * @param listed       entries in the file list so far
 * @param listComplete false while rsync still builds the list (ir-chk)
 */
public record RsyncProgress(long bytes, int percent, String rate, String time, long transferred, long toCheck,
                            long listed, boolean listComplete) {
    private static final Pattern RECORD = Pattern.compile(
            "\\s*([\\d,.]+)\\s+(\\d{1,3})%\\s+(\\S+/s)\\s+(\\d+:\\d\\d:\\d\\d)"
                    + "(?:\\s+\\(xfr#(\\d+), (to|ir)-chk=(\\d+)/(\\d+)\\))?\\s*");
    /** rsync's rate column: powers of 1024 ("kB/s" is KiB/s). */
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)([kMGT]?)B/s");
    private static final Pattern TIME = Pattern.compile("(\\d+):(\\d\\d):(\\d\\d)");

    public static Optional<RsyncProgress> parse(String record) {
        Matcher m = RECORD.matcher(record);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            boolean counted = m.group(5) != null;
            return Optional.of(new RsyncProgress(RsyncStats.number(m.group(1)), Math.min(100, Integer.parseInt(m.group(2))),
                    m.group(3), m.group(4),
                    counted ? Long.parseLong(m.group(5)) : 0,
                    counted ? Long.parseLong(m.group(7)) : 0,
                    counted ? Long.parseLong(m.group(8)) : 0,
                    counted && m.group(6).equals("to")));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    /** Entries of the file list already checked (transferred or found up to date). */
    public long checked() {
        return listed - toCheck;
    }

    /** This record as the CLI shows a copy's progress: "seed odoo: 45% (2.7 MB, 1400/3005 files checked, ...)". */
    public Progress toProgress(String task) {
        String files = listed == 0 ? "" : checked() + "/" + listed + (listComplete ? "" : "+") + " files checked";
        boolean complete = percent == 100;
        return new Progress(task, percent, bytes, OptionalLong.empty(), files, bytesPerSecond(),
                complete ? Optional.empty() : timeLeft(), complete);
    }

    /** The rate column in bytes per second; empty when rsync wrote it in a way not recognised, or as zero. */
    OptionalDouble bytesPerSecond() {
        Matcher m = RATE.matcher(rate);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        double v = Double.parseDouble(m.group(1)) * Math.pow(1024, "kMGT".indexOf(m.group(2)) + 1);
        return v > 0 ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    /** The time column while the copy runs: rsync's estimate of the time left. */
    Optional<Duration> timeLeft() {
        Matcher m = TIME.matcher(time);
        return m.matches() ? Optional.of(Duration.ofHours(Long.parseLong(m.group(1)))
                .plusMinutes(Long.parseLong(m.group(2))).plusSeconds(Long.parseLong(m.group(3)))) : Optional.empty();
    }
}
