package odoodr.filestore.sync;

import odoodr.filestore.SeedMarker;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a database's attachment sync starts in a new process, or when a seed finished under it: after what it
 * persisted itself ({@link SyncCursor}), else after what the seed covered ({@link SeedMarker#attachmentsUpTo()}),
 * else at the beginning (every row read, the mirror walked once).
 *
 * <p>Why starting after the seed's mark is safe: the seed records the standby's highest attachment id <i>before</i>
 * its rsync starts listing prod. Odoo writes an attachment's file before it inserts the row, and the row's id comes
 * from a sequence, so every row with a lower id took its id before that row did, hence after its file was written:
 * every file of a row up to the mark was on prod before rsync started, and the seed copied it (or it was deleted
 * on prod since, which no sync could help). A row whose transaction was still open then (not yet on the standby)
 * is covered the same way: its id is below the mark only if it was taken before. {@link #SEED_MARGIN} ids below the
 * mark are read again anyway, for what the argument assumes and a deployment may not give: a sequence with a
 * {@code CACHE} (each session holds ids taken in advance), a module that sets {@code store_fname} after the insert.
 * Rows in the margin whose file is here cost a local sha1 each, nothing on the network. Rows changed in place
 * ({@code store_fname} updated) below the mark are caught by the catalog's periodic full read and the full pass, as
 * in steady state.
 *
 * @param start where the catalog starts, and the seed it builds on
 * @param why   one line for the log
 */
public record ResumePoint(SyncCursor start, String why) {
    /** Attachment ids below the seed's mark read again (see above). */
    public static final long SEED_MARGIN = 1000;

    /**
     * @param seed      the seed marker beside this mirror, if one stands for it
     * @param persisted what an earlier pass persisted, if anything
     * @param now       when the seed counts as the last full read, if the start comes from it
     */
    public static ResumePoint choose(Optional<SeedMarker> seed, Optional<SyncCursor> persisted, Instant now) {
        String seeded = seed.map(SeedMarker::seeded).orElse(null);
        if (persisted.isPresent() && Objects.equals(persisted.get().seed(), seeded)
                && !persisted.get().readsEverythingFirst()) {
            SyncCursor c = persisted.get();
            return new ResumePoint(c, "resuming after attachment " + c.afterId() + " (persisted by the last pass)");
        }
        if (seed.isPresent() && seed.get().attachmentsUpTo() != null) {
            long upTo = seed.get().attachmentsUpTo();
            long after = Math.max(0, upTo - SEED_MARGIN);
            return new ResumePoint(new SyncCursor(seeded, after, 0, 0, now), "starting after attachment " + after
                    + " (the seed of " + seeded + " covered up to " + upTo + ", less a margin of " + SEED_MARGIN + ")");
        }
        return new ResumePoint(SyncCursor.fromScratch(seeded), seed.isPresent()
                ? "reading every row: the seed marker does not say up to which attachment it copied"
                : "reading every row: no seed marker and nothing persisted");
    }
}
