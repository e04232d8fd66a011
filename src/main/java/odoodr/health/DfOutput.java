package odoodr.health;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code df -P -B1 -- <path>}: a header, then one line per file system (POSIX keeps it on one line)
 * {@code <device> <size> <used> <available> <capacity>% <mount point>}, sizes in bytes. The device and the mount point
 * may hold spaces, so the numbers are found from the middle out.
 */
final class DfOutput {
    private static final Pattern LINE = Pattern.compile("^(.*\\S)\\s+(\\d+)\\s+(\\d+)\\s+(-?\\d+)\\s+(\\d+|-)%\\s+(/.*)$");

    private DfOutput() {
    }

    /** The sample for {@code asked}, or empty when the output is not df's. */
    static Optional<DiskSample> parse(String stdout, Path asked) {
        List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
        // the header is translated under a non-English locale: only its presence counts
        if (lines.size() != 2) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(lines.get(1).strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long total = Long.parseLong(m.group(2));
            long available = Math.max(0, Long.parseLong(m.group(4)));
            if (total <= 0) {
                return Optional.empty();
            }
            return Optional.of(new DiskSample(asked, Path.of(m.group(6)), available, total));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
