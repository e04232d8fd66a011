package odoodr.filestore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * rsync's stderr as it streams (it runs with {@code --stderr=all --info=progress2}): progress records for the
 * listener, every other line for {@link RsyncStats}.
 */
final class RsyncOutput {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");
    private static final java.util.regex.Pattern PROGRESS_START = java.util.regex.Pattern.compile("[\\d,.]+\\s+\\d{1,3}%");

    private RsyncOutput() {
    }

    /** Splits rsync's stderr into progress records and lines; both end with \r or \n. */
    static void read(java.io.InputStream in, RsyncStats stats, Consumer<RsyncProgress> progress) {
        try {
            StringBuilder record = new StringBuilder();
            java.io.Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
            int c;
            while ((c = reader.read()) != -1) {
                if (c == '\r' || c == '\n') {
                    take(record.toString(), stats, progress);
                    record.setLength(0);
                } else {
                    record.append((char) c);
                }
            }
            take(record.toString(), stats, progress);
        } catch (IOException e) {
            LOG.debug("filestore: rsync's output: {}", e.getMessage());
        }
    }

    private static void take(String record, RsyncStats stats, Consumer<RsyncProgress> progress) {
        if (record.isBlank()) {
            return;
        }
        Optional<RsyncProgress> p = RsyncProgress.parse(record);
        if (p.isPresent()) {
            if (progress != null) {
                progress.accept(p.get());
            }
            return;
        }
        String line = record.strip();
        // a message written in the middle of a progress record: "40277872  69%    1.82MB/s    0:0rsync error: ..."
        int message = line.indexOf("rsync");
        if (message > 0 && PROGRESS_START.matcher(line).lookingAt()) {
            line = line.substring(message);
        }
        LOG.debug("rsync: {}", line);
        stats.accept(line);
    }
}
