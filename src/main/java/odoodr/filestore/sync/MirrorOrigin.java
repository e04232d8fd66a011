package odoodr.filestore.sync;

import odoodr.filestore.SeedMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one database's mirror position builds on: the start {@link ResumePoint} chose, the seed behind it, and
 * whether a seed has finished since (then the mirror starts again after that seed). Owned by one
 * {@link DatabaseMirror}.
 */
final class MirrorOrigin {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");

    /** A transfer that got the lock after a seed finished: the pass ends, the next one starts after the seed. */
    static final class SeedFinished extends RuntimeException {
        SeedFinished() {
            super("a seed finished", null, false, false);
        }
    }

    private final String database;
    private final ResumeSource resume;
    private boolean started;
    /** The seed marker's {@code seeded} the position builds on (null: none). */
    private String seed;
    /** Where the position came from, until the first pass after it has been logged. */
    private String firstPassFrom;

    MirrorOrigin(String database, ResumeSource resume) {
        this.database = database;
        this.resume = resume;
    }

    boolean started() {
        return started;
    }

    /** The start of a new process: after what an earlier pass persisted, else after the seed. */
    SyncCursor begin(Instant now) {
        return choose(resume.persisted(database), now);
    }

    /** After a seed that finished while this mirror ran: what was persisted before it no longer counts. */
    SyncCursor afterNewSeed(Instant now) {
        LOG.info("filestore {}: a seed of this mirror finished meanwhile: starting again after what it copied", database);
        return choose(Optional.empty(), now);
    }

    private SyncCursor choose(Optional<SyncCursor> persisted, Instant now) {
        ResumePoint point = ResumePoint.choose(resume.seed(database), persisted, now);
        started = true;
        seed = point.start().seed();
        firstPassFrom = point.why();
        LOG.info("filestore {}: {}", database, point.why());
        return point.start();
    }

    /** Whether the seed beside the mirror is another than the one the position builds on (read from disk). */
    boolean seedChanged() {
        return !Objects.equals(resume.seed(database).map(SeedMarker::seeded).orElse(null), seed);
    }

    String seed() {
        return seed;
    }

    /** Logs the figures of the first pass since the position was chosen (once). */
    void firstPassDone(PassResult r) {
        if (firstPassFrom != null) {
            LOG.info("filestore {}: first pass ({}): {} rows read, {} file(s) found here already, {} asked of rsync,"
                    + " {} fetched", database, firstPassFrom, r.rowsRead(), r.alreadyPresent(), r.requested(), r.files());
            firstPassFrom = null;
        }
    }
}
