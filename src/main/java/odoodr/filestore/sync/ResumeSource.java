package odoodr.filestore.sync;

import odoodr.filestore.SeedMarker;

import java.util.Optional;

/** What a database's attachment sync may start from ({@link ResumePoint}): its seed, and what it persisted. */
public interface ResumeSource {
    /** Nothing: every sync reads every row first (tests of the pass logic). */
    ResumeSource NONE = new ResumeSource() {
        @Override
        public Optional<SeedMarker> seed(String database) {
            return Optional.empty();
        }

        @Override
        public Optional<SyncCursor> persisted(String database) {
            return Optional.empty();
        }
    };

    /** The seed marker beside the database's mirror, only if it stands for that very mirror. Read on every pass. */
    Optional<SeedMarker> seed(String database);

    /** The cursor the last pass of any process persisted. Read once, when the sync starts. */
    Optional<SyncCursor> persisted(String database);
}
