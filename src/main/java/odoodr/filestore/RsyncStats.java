package odoodr.filestore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one rsync run reported on stderr (it runs with {@code --stderr=all --stats}): the counts of its
 * {@code --stats} block (entries in the sender's file list, files and bytes transferred), the files the sender
 * could not find (asked for but absent: {@code link_stat ... failed: No such file or directory}) or that vanished
 * while it ran, and every other error line.
 *
 * <pre>
 * Number of files: 6,003 (reg: 3,000, dir: 3,003)
 * Number of regular files transferred: 3,000
 * Total transferred file size: 6,144,000 bytes
 * rsync: [sender] link_stat "/proc/self/fd/4/odoo/ab/ab12..." failed: No such file or directory (2)
 * file has vanished: "/proc/self/fd/4/odoo/cd/cd34..."
 * rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1338) [generator=3.2.7]
 * </pre>
 * Paths are as the sender saw them: under rrsync they start with its root ({@code /proc/self/fd/N/}), otherwise with
 * the filestore path or nothing; {@link #relativeTo} cuts them back to store_fnames.
 */
public final class RsyncStats {
    private static final Pattern LISTED = Pattern.compile("Number of files: ([\\d,.]+)(?: \\(.*\\))?");
    private static final Pattern FILES = Pattern.compile("Number of regular files transferred: ([\\d,.]+)");
    private static final Pattern BYTES = Pattern.compile("Total transferred file size: ([\\d,.]+) bytes?");
    private static final Pattern NOT_FOUND = Pattern.compile("link_stat \"(.*)\" failed: No such file or directory");
    private static final Pattern VANISHED = Pattern.compile("file has vanished: \"(.*)\"");
    /** What rsync, ssh, sudo and rrsync say when something goes wrong (never the --stats or progress lines). */
    private static final Pattern ERROR = Pattern.compile("(?:rsync:|sudo:|ssh:|/usr/bin/rrsync|ERROR|@@@).*"
            + "|.*(?:Permission denied|Host key verification failed|error:|Could not resolve|Connection refused"
            + "|Connection timed out|Connection closed|No space left).*");
    /** rrsync (3.2.4+) serves its directory through an open descriptor: every path starts with it. */
    private static final Pattern RRSYNC_ROOT = Pattern.compile("^/proc/self/fd/\\d+/");
    private static final Pattern SUMMARY_ERROR = Pattern.compile("rsync (?:error|warning): .*\\(code \\d+\\).*");

    private long listed = -1;
    private long files;
    private long bytes;
    private boolean statsSeen;
    private final List<String> absent = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private String summary;

    /** Takes one line of rsync's output (not a progress record). */
    public synchronized void accept(String line) {
        Matcher m;
        if ((m = LISTED.matcher(line)).matches()) {
            listed = number(m.group(1));
        } else if ((m = FILES.matcher(line)).matches()) {
            files = number(m.group(1));
            statsSeen = true;
        } else if ((m = BYTES.matcher(line)).matches()) {
            bytes = number(m.group(1));
        } else if ((m = NOT_FOUND.matcher(line)).find() || (m = VANISHED.matcher(line)).find()) {
            absent.add(m.group(1));
        } else if (SUMMARY_ERROR.matcher(line).matches()) {
            summary = line;
        } else if (ERROR.matcher(line).matches()) {
            errors.add(line);
        }
    }

    /** Feeds every line of a finished run's output. */
    public static RsyncStats of(String output) {
        RsyncStats s = new RsyncStats();
        output.lines().flatMap(l -> java.util.Arrays.stream(l.split("\r"))).map(String::strip)
                .filter(l -> !l.isEmpty()).forEach(s::accept);
        return s;
    }

    /**
     * True when the sender's file list was empty ("Number of files: 0"): nothing was asked for that it found, so
     * nothing was or could be transferred.
     */
    public synchronized boolean listedNothing() {
        return listed == 0;
    }

    public synchronized long files() {
        return files;
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** True when rsync got as far as printing its --stats block. */
    public synchronized boolean statsSeen() {
        return statsSeen;
    }

    /** Paths the sender did not find (asked for, or gone during the run), as it printed them. */
    public synchronized List<String> absent() {
        return List.copyOf(absent);
    }

    /** Error lines other than absent files and rsync's closing "rsync error: ... (code N)". */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    /** The error lines, or else rsync's closing line ("rsync error: received SIGINT, SIGTERM, or SIGHUP (code 20)"). */
    public synchronized List<String> explanation() {
        return errors.isEmpty() && summary != null ? List.of(summary) : List.copyOf(errors);
    }

    /**
     * The path below the database's filestore directory: {@code /proc/self/fd/4/odoo/ab/ab12} → {@code ab/ab12}.
     * Empty when the path is the database directory itself (the whole filestore is absent).
     */
    public static Optional<String> relativeTo(String database, String senderPath) {
        String p = RRSYNC_ROOT.matcher(senderPath).replaceFirst("");
        p = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        if (p.equals(database) || p.endsWith("/" + database)) {
            return Optional.empty();
        }
        if (p.startsWith(database + "/")) {
            return Optional.of(p.substring(database.length() + 1));
        }
        int at = p.lastIndexOf("/" + database + "/");
        return Optional.of(at < 0 ? p : p.substring(at + database.length() + 2));
    }

    /** "3,000" / "3.000" / "3000" → 3000. */
    /** The requested names among the sender's absent paths (which carry rrsync's root in front). */
    static List<String> matchRequested(List<String> absentPaths, Collection<String> requested) {
        Map<String, List<String>> byLastPart = new HashMap<>();
        for (String name : requested) {
            byLastPart.computeIfAbsent(name.substring(name.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(name);
        }
        List<String> found = new ArrayList<>();
        for (String path : absentPaths) {
            String last = path.substring(path.lastIndexOf('/') + 1);
            for (String name : byLastPart.getOrDefault(last, List.of())) {
                if (path.equals(name) || path.endsWith("/" + name)) {
                    found.add(name);
                    break;
                }
            }
        }
        return found;
    }

    static long number(String digits) {
        return Long.parseLong(digits.replace(",", "").replace(".", ""));
    }
}
