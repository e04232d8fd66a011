package odoodr.filestore.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which files one database's rows say should exist, read from the standby page by page (keyset on id) so that a
 * million rows never sit in memory at once, and read incrementally: each pass asks only for rows above a horizon.
 *
 * <p>Why a horizon and not simply "above the highest id seen": ids are taken from a sequence when a row is
 * inserted, but transactions commit in any order. Odoo worker A may take id 100, worker B id 101 and commit first;
 * a pass in between sees 101 and not 100. So the highest id of a pass only becomes the horizon once every
 * transaction that was running during that pass has finished, which the standby's own transaction snapshot tells
 * ({@code txid_current_snapshot()}: everything below {@code xmin} is over). Until then the few rows above the
 * horizon are read again and cost nothing more (the local index already has their files). A horizon that cannot
 * move because some transaction on prod runs for very long is moved anyway after {@code maxHorizonLag}; the
 * periodic full re-read, which also catches rows whose {@code store_fname} was updated in place, covers that case.
 *
 * <p>Rows whose {@code store_fname} is not a plain Odoo name ({@link StoreFname}) are never handed on: they are
 * logged once and kept in {@link #rejected()}.
 */
public final class AttachmentCatalog {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");
    static final int MAX_REJECTED_KEPT = 1000;

    /** What one scan read. */
    public record Scan(boolean full, long rowsRead, long horizonBefore, long horizonAfter) {
    }

    private record Marker(long xmax, long maxId, Instant at) {
    }

    private final String database;
    private final AttachmentSource source;
    private final int pageSize;
    private final Duration fullRereadInterval;
    private final Duration maxHorizonLag;
    private final Clock clock;
    private final Deque<Marker> markers = new ArrayDeque<>();
    private final Map<Long, String> rejected = new LinkedHashMap<>();
    private long horizon;
    private long maxIdSeen;
    private Instant lastFullRead;

    public AttachmentCatalog(String database, AttachmentSource source, int pageSize, Duration fullRereadInterval,
                             Duration maxHorizonLag, Clock clock) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize " + pageSize);
        }
        this.database = database;
        this.source = source;
        this.pageSize = pageSize;
        this.fullRereadInterval = fullRereadInterval;
        this.maxHorizonLag = maxHorizonLag;
        this.clock = clock;
    }

    /**
     * Hands every row that may be new (all rows on the first scan and on each periodic full re-read) to {@code sink},
     * one page at a time. On an error nothing of the catalog's position changes: the next scan reads the same rows.
     */
    public Scan scan(Consumer<AttachmentRow> sink) {
        Instant now = clock.instant();
        boolean full = nextScanIsFull(now);
        long from = full ? 0 : horizon;
        AttachmentSource.TxSnapshot before = source.snapshot();
        long after = from;
        long read = 0;
        long highest = maxIdSeen;
        Map<Long, String> rejectedNow = new LinkedHashMap<>();
        while (true) {
            var page = source.rowsAfter(after, pageSize);
            for (AttachmentRow row : page) {
                if (row.id() <= after) {
                    throw new IllegalStateException("rows out of id order: " + row.id() + " after " + after);
                }
                after = row.id();
                highest = Math.max(highest, row.id());
                read++;
                var problem = StoreFname.problem(row.storeFname());
                if (problem.isPresent()) {
                    rejectedNow.put(row.id(), row.storeFname());
                    if (!rejected.containsKey(row.id())) {
                        LOG.warn("filestore {}: attachment {} has store_fname `{}` ({}): refused, never fetched",
                                database, row.id(), StoreFname.printable(row.storeFname()), problem.get());
                    }
                } else {
                    sink.accept(row);
                }
            }
            if (page.size() < pageSize) {
                break;
            }
        }
        AttachmentSource.TxSnapshot end = source.snapshot();
        // The scan succeeded: only now does the position move.
        if (full) {
            rejected.clear();
            lastFullRead = now;
        }
        rejectedNow.forEach((id, name) -> {
            if (rejected.size() < MAX_REJECTED_KEPT) {
                rejected.put(id, name);
            }
        });
        maxIdSeen = highest;
        markers.addLast(new Marker(end.xmax(), highest, now));
        long horizonBefore = horizon;
        // A marker's rows are all in: every transaction running until it was taken had finished before this scan began.
        while (!markers.isEmpty() && (markers.peekFirst().xmax() <= before.xmin()
                || !now.isBefore(markers.peekFirst().at().plus(maxHorizonLag)))) {
            horizon = Math.max(horizon, markers.removeFirst().maxId());
        }
        return new Scan(full, read, horizonBefore, horizon);
    }

    /** Whether a scan at {@code now} reads every row (the first one, unless resumed; then every full-reread interval). */
    public boolean nextScanIsFull(Instant now) {
        return lastFullRead == null || !now.isBefore(lastFullRead.plus(fullRereadInterval));
    }

    /**
     * Starts from a persisted position instead of the beginning: the horizon, the rows read above it that wait for
     * their transactions (one marker standing for all of them), and when every row was last read.
     */
    public void resume(SyncCursor from) {
        markers.clear();
        horizon = from.afterId();
        maxIdSeen = Math.max(from.afterId(), from.pendingUpTo());
        lastFullRead = from.lastFullRead();
        if (from.pendingUpTo() > from.afterId()) {
            markers.addLast(new Marker(from.pendingXmax(), from.pendingUpTo(), clock.instant()));
        }
    }

    /**
     * The position to persist, never beyond {@code upTo} (the caller's rows above it are not done yet): the waiting
     * markers merged into one that settles when the last of them would.
     */
    public SyncCursor cursor(String seed, long upTo) {
        long pendingUpTo = 0;
        long pendingXmax = 0;
        for (Marker m : markers) {
            pendingUpTo = Math.max(pendingUpTo, m.maxId());
            pendingXmax = Math.max(pendingXmax, m.xmax());
        }
        long after = Math.min(horizon, upTo);
        pendingUpTo = Math.min(pendingUpTo, upTo);
        return new SyncCursor(seed, after, pendingUpTo > after ? pendingUpTo : 0, pendingUpTo > after ? pendingXmax : 0,
                lastFullRead);
    }

    /** Rows seen are above this id only if new (or from transactions that had not committed yet). */
    public long horizon() {
        return horizon;
    }

    public long maxIdSeen() {
        return maxIdSeen;
    }

    /** Rows refused for their store_fname, by id (at most {@value #MAX_REJECTED_KEPT}). */
    public Map<Long, String> rejected() {
        return Collections.unmodifiableMap(rejected);
    }

    /** The next scan reads every row again (e.g. after the standby was rebuilt). */
    public void requestFullRead() {
        lastFullRead = null;
    }
}
