package odoodr.filestore.sync;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How far one database's attachment sync has got, as it persists it after every pass (in the state file, beside the
 * status: {@link SyncStatusFile}), so that the next process (an agent restarted, the next one-shot {@code sync})
 * resumes instead of reading every row and walking the mirror again.
 *
 * @param seed         the seed marker's {@code seeded} this progress builds on (null: no seed); another seed since
 *                     (a reseed, another mirror) makes the cursor void
 * @param afterId      every row with a file and an id up to this one has its file in the mirror (when written)
 * @param pendingUpTo  rows up to this id were read too, but transactions that may still add rows below it were
 *                     running: they count once every transaction below {@code pendingXmax} has ended (0: none)
 * @param pendingXmax  the standby's {@code txid_snapshot_xmax} when those rows were read
 * @param lastFullRead when every row was last read (a seed counts); null: never, the next pass reads them all
 */
public record SyncCursor(String seed, long afterId, long pendingUpTo, long pendingXmax, Instant lastFullRead) {
    static final String SEED = "resume_seed";
    static final String AFTER_ID = "resume_after_id";
    static final String PENDING_UP_TO = "resume_pending_up_to";
    static final String PENDING_XMAX = "resume_pending_xmax";
    static final String LAST_FULL_READ = "last_full_read";

    public SyncCursor {
        if (afterId < 0 || pendingUpTo < 0 || pendingXmax < 0) {
            throw new IllegalArgumentException("negative cursor position");
        }
    }

    /** Nothing known: the first pass reads every row and walks the mirror once. */
    public static SyncCursor fromScratch(String seed) {
        return new SyncCursor(seed, 0, 0, 0, null);
    }

    public boolean readsEverythingFirst() {
        return lastFullRead == null;
    }

    void putInto(Map<String, Object> details) {
        details.put(SEED, seed);
        details.put(AFTER_ID, afterId);
        details.put(PENDING_UP_TO, pendingUpTo);
        details.put(PENDING_XMAX, pendingXmax);
        details.put(LAST_FULL_READ, lastFullRead == null ? null : lastFullRead.toString());
    }

    /** The cursor in a state file's fields; empty when there is none or it is not one (a hand-edited file). */
    static Optional<SyncCursor> from(Map<?, ?> fields) {
        if (!(fields.get(AFTER_ID) instanceof Number after)) {
            return Optional.empty();
        }
        Object seed = fields.get(SEED);
        Object lastFull = fields.get(LAST_FULL_READ);
        if ((seed != null && !(seed instanceof String)) || (lastFull != null && !(lastFull instanceof String))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SyncCursor((String) seed, after.longValue(), number(fields.get(PENDING_UP_TO)),
                    number(fields.get(PENDING_XMAX)), lastFull == null ? null : Instant.parse((String) lastFull)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long number(Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("not a number: " + value);
        }
        return n.longValue();
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        putInto(m);
        return m;
    }
}
