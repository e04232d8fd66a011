package odoodr.filestore.sync;

import java.time.Duration;

/**
 * The knobs of the attachment-driven sync. Only the period is in the config file ({@code filestore.sync_interval});
 * the rest are engineering choices, here so that tests can shrink them.
 *
 * @param interval           time between the starts of two passes
 * @param fullRereadInterval how often the catalog reads every row again (rows updated in place, very long transactions)
 * @param maxHorizonLag      how long the catalog's horizon may wait for a transaction on prod to finish
 * @param pageSize           rows per catalog query
 * @param maxFilesPerFetch   files per rsync (a large backlog becomes several transfers, each one connection)
 * @param backoff            when to ask prod again for a file that did not arrive
 */
public record SyncSettings(Duration interval, Duration fullRereadInterval, Duration maxHorizonLag, int pageSize,
                           int maxFilesPerFetch, RetryBackoff backoff) {
    public static final Duration FULL_REREAD_INTERVAL = Duration.ofMinutes(30);
    public static final Duration MAX_HORIZON_LAG = Duration.ofMinutes(10);
    public static final int PAGE_SIZE = 5000;
    public static final int MAX_FILES_PER_FETCH = 20_000;

    public static SyncSettings withInterval(Duration interval) {
        return new SyncSettings(interval, FULL_REREAD_INTERVAL, MAX_HORIZON_LAG, PAGE_SIZE, MAX_FILES_PER_FETCH,
                RetryBackoff.DEFAULT);
    }

    /** {@code files} in transfers of at most {@link #maxFilesPerFetch} each. */
    <T> java.util.List<java.util.List<T>> chunks(java.util.List<T> files) {
        java.util.List<java.util.List<T>> out = new java.util.ArrayList<>();
        for (int i = 0; i < files.size(); i += maxFilesPerFetch) {
            out.add(files.subList(i, Math.min(files.size(), i + maxFilesPerFetch)));
        }
        return out;
    }
}
