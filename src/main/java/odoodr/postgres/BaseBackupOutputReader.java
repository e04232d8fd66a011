package odoodr.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a running {@code pg_basebackup -P [-v]}'s stderr and reports each record as it arrives: progress records
 * ({@link BaseBackupProgress}) and every other message ({@code pg_basebackup: checkpoint completed},
 * {@code pg_basebackup: error: ...}, continuation lines). Records end with CR (progress on a terminal) or LF; a CRLF
 * pair does not produce an empty record. Blocks until the stream ends; run it on the thread that drains the
 * process's stderr.
 *
 * <p>A listener that throws does not stop the reading: the exception is logged and the stream drained to the end, so
 * pg_basebackup never blocks on a full pipe.
 */
public final class BaseBackupOutputReader {
    /** A record longer than this is cut (pg_basebackup's are under 200 bytes; this only bounds memory). */
    static final int MAX_RECORD_BYTES = 64 * 1024;
    private static final String ERROR_PREFIX = "pg_basebackup: error: ";
    private static final Logger LOG = LoggerFactory.getLogger(BaseBackupOutputReader.class);

    /** Receives the records of one pg_basebackup run, on the reading thread. */
    @FunctionalInterface
    public interface Listener {
        void onProgress(BaseBackupProgress progress);

        /** Any non-progress record, without its line terminator and without trailing whitespace. */
        default void onMessage(String message) {
        }
    }

    private BaseBackupOutputReader() {
    }

    /** Reads {@code stderr} to its end, calling {@code listener} for each non-blank record. */
    public static void read(InputStream stderr, Listener listener) throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream(256);
        byte[] buffer = new byte[8192];
        int n;
        boolean listenerFailed = false;
        while ((n = stderr.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\r' || b == '\n') {
                    listenerFailed |= deliver(record, listener, listenerFailed);
                    record.reset();
                } else if (record.size() < MAX_RECORD_BYTES) {
                    record.write(b);
                }
            }
        }
        deliver(record, listener, listenerFailed);
    }

    /** Hands one record to the listener; returns true if the listener threw. */
    private static boolean deliver(ByteArrayOutputStream record, Listener listener, boolean alreadyFailed) {
        if (record.size() == 0) {
            return false;
        }
        // CR and LF never occur inside a UTF-8 sequence, so splitting bytes before decoding is safe
        String text = record.toString(StandardCharsets.UTF_8).stripTrailing();
        if (text.isBlank()) {
            return false;
        }
        try {
            Optional<BaseBackupProgress> progress = BaseBackupProgress.parse(text);
            if (progress.isPresent()) {
                listener.onProgress(progress.get());
            } else {
                listener.onMessage(text);
            }
            return false;
        } catch (RuntimeException e) {
            if (!alreadyFailed) {
                LOG.warn("pg_basebackup: progress listener failed, still draining the output", e);
            }
            return true;
        }
    }

    /** True for pg_basebackup's error lines ({@code pg_basebackup: error: ...}, PostgreSQL 15 format). */
    public static boolean isError(String message) {
        return message.startsWith(ERROR_PREFIX);
    }
}
