package odoodr.filestore.sync;

import odoodr.filestore.SeedMarker;
import odoodr.filestore.TransferResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: after a seed, and in a new process, the attachment sync starts where the seed or the last pass left off:
 * it reads only the rows beyond (plus the seed's margin) and asks rsync only for their files, never for the tree.
 */
class ResumeTest {
    private static final int SEEDED = 1200;

    @TempDir
    Path local;
    @TempDir
    Path statusDir;

    private final FakeStandby standby = new FakeStandby();
    private final MutableClock clock = new MutableClock();
    private final Map<String, byte[]> prod = new HashMap<>();
    private final List<List<String>> fetches = new ArrayList<>();
    private final AtomicReference<SeedMarker> marker = new AtomicReference<>();
    /** Runs inside the transfer lock, before the transfer: what a seed holding the lock until now did. */
    private Runnable heldTheLockBefore = () -> {
    };

    private final ResumeSource resume = new ResumeSource() {
        @Override
        public Optional<SeedMarker> seed(String database) {
            return Optional.ofNullable(marker.get());
        }

        @Override
        public Optional<SyncCursor> persisted(String database) {
            return SyncStatusFile.cursor(statusDir, database);
        }
    };

    private AttachmentSync newSync() {
        SyncSettings settings = new SyncSettings(Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofMinutes(10),
                500, 20_000, RetryBackoff.DEFAULT);
        TransferLock lock = transfer -> {
            heldTheLockBefore.run();
            heldTheLockBefore = () -> {
            };
            return transfer.get();
        };
        return new AttachmentSync(List.of("odoo"), db -> standby, db -> local.resolve(db), this::fetch, lock,
                new SyncStatusFile(statusDir), settings, clock, resume);
    }

    private TransferResult fetch(String db, Collection<String> names) {
        fetches.add(List.copyOf(names));
        List<String> missing = new ArrayList<>();
        names.forEach(name -> {
            if (prod.containsKey(name)) {
                copyToMirror(name);
            } else {
                missing.add(name);
            }
        });
        return new TransferResult(names.size() - missing.size(), 0, Duration.ofMillis(1), missing);
    }

    private void copyToMirror(String name) {
        try {
            Path target = local.resolve("odoo").resolve(name);
            Files.createDirectories(target.getParent());
            Files.write(target, prod.get(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> attachments(long fromId, int count) {
        List<String> names = new ArrayList<>();
        for (long id = fromId; id < fromId + count; id++) {
            byte[] content = ("attachment " + id).getBytes();
            AttachmentRow row = standby.add(id, content);
            prod.put(row.storeFname(), content);
            names.add(row.storeFname());
        }
        return names;
    }

    /** What setup's seed leaves: every file of prod in the mirror, and the marker with the mark taken before rsync. */
    private void seed(long upTo) {
        prod.keySet().forEach(this::copyToMirror);
        marker.set(new SeedMarker("2026-12-03T17:00:00Z: " + prod.size() + " files", "7312", "dev 1 inode 2",
                prod.size(), upTo));
    }

    private static PassResult only(List<PassResult> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void theFirstPassAfterASeedReadsOnlyTheRowsBeyondItsMarkAndFetchesOnlyTheNewFiles() {
        attachments(1, SEEDED);
        seed(SEEDED);
        List<String> fresh = attachments(SEEDED + 1, 20);
        try (AttachmentSync sync = newSync()) {
            PassResult r = only(sync.runPass());
            assertThat(r.succeeded()).as(r.error()).isTrue();
            assertThat(r.full()).isFalse();
            assertThat(r.rowsRead()).isEqualTo(ResumePoint.SEED_MARGIN + 20);
            assertThat(standby.pageStarts).first().isEqualTo(SEEDED - ResumePoint.SEED_MARGIN);
            assertThat(fetches).containsExactly(fresh);
            assertThat(r.files()).isEqualTo(20);
            assertThat(r.alreadyPresent()).as("the margin's files, checked here, not fetched")
                    .isEqualTo((int) ResumePoint.SEED_MARGIN);
        }
    }

    @Test
    void aNewProcessResumesFromWhatTheLastPassPersistedNotFromTheSeed() {
        attachments(1, SEEDED);
        seed(SEEDED);
        try (AttachmentSync first = newSync()) {
            first.runPass();
            attachments(SEEDED + 1, 10);
            assertThat(only(first.runPass()).files()).isEqualTo(10);
            first.runPass(); // the horizon settles: nothing was running on prod meanwhile
        }
        List<String> fresh = attachments(SEEDED + 11, 5);
        fetches.clear();
        standby.pageStarts.clear();
        try (AttachmentSync restarted = newSync()) {
            PassResult r = only(restarted.runPass());
            assertThat(r.succeeded()).as(r.error()).isTrue();
            assertThat(r.full()).isFalse();
            assertThat(standby.pageStarts).first().isEqualTo((long) SEEDED + 10);
            assertThat(r.rowsRead()).isEqualTo(5);
            assertThat(fetches).containsExactly(fresh);
        }
    }

    @Test
    void aRowFromATransactionStillRunningWhenThePassPersistedIsReadAfterARestart() {
        attachments(1, 10);
        standby.xmin = 100;
        standby.xmax = 105; // transactions 100..104 still running on prod: rows below the highest id may come
        try (AttachmentSync first = newSync()) {
            first.runPass();
        }
        // a row of one of those transactions commits with an id below the highest the first pass saw
        standby.rows.remove(5L);
        List<String> late = List.of(standby.add(5, "late".getBytes()).storeFname());
        prod.put(late.get(0), "late".getBytes());
        standby.xmin = 110;
        standby.xmax = 110;
        fetches.clear();
        try (AttachmentSync restarted = newSync()) {
            PassResult r = only(restarted.runPass());
            assertThat(r.succeeded()).as(r.error()).isTrue();
            assertThat(fetches).containsExactly(late);
        }
    }

    @Test
    void aFileStillWantedKeepsThePersistedPositionBelowItsRow() {
        attachments(1, 10);
        List<String> lost = attachments(11, 1);
        prod.remove(lost.get(0)); // missing on prod: wanted, asked again later
        attachments(12, 10);
        try (AttachmentSync first = newSync()) {
            assertThat(only(first.runPass()).missingOnProd()).isEqualTo(lost);
            first.runPass();
        }
        assertThat(SyncStatusFile.cursor(statusDir, "odoo")).get().extracting(SyncCursor::afterId).isEqualTo(10L);
        fetches.clear();
        try (AttachmentSync restarted = newSync()) {
            PassResult r = only(restarted.runPass());
            assertThat(fetches).containsExactly(lost);
            assertThat(r.missingOnProd()).isEqualTo(lost);
        }
    }

    @Test
    void aSeedThatFinishesWhileTheSyncWaitsForItsLockIsNotFetchedAgain() {
        attachments(1, SEEDED);
        try (AttachmentSync sync = newSync()) {
            // the agent's first pass while setup's seed runs: no marker yet, every row wanted, the lock busy
            heldTheLockBefore = () -> seed(SEEDED);
            PassResult during = only(sync.runPass());
            assertThat(during.succeeded()).isTrue();
            assertThat(fetches).as("the seed copied them: not one asked for again").isEmpty();

            List<String> fresh = attachments(SEEDED + 1, 7);
            PassResult after = only(sync.runPass());
            assertThat(after.full()).isFalse();
            assertThat(after.rowsRead()).isEqualTo(ResumePoint.SEED_MARGIN + 7);
            assertThat(fetches).containsExactly(fresh);
        }
    }

    @Test
    void withoutASeedMarkOrAnythingPersistedEveryRowIsReadOnce() {
        attachments(1, 50);
        try (AttachmentSync sync = newSync()) {
            PassResult r = only(sync.runPass());
            assertThat(r.full()).isTrue();
            assertThat(r.rowsRead()).isEqualTo(50);
            assertThat(r.files()).isEqualTo(50);
        }
    }

    @Test
    void aCursorOfAnotherSeedIsVoidTheNewSeedsMarkCounts() {
        Instant now = Instant.parse("2026-12-03T18:00:00Z");
        SeedMarker seed = new SeedMarker("2026-12-03T17:00:00Z: 9 files", "7312", "dev 1 inode 2", 9, 5000L);
        SyncCursor ofThisSeed = new SyncCursor(seed.seeded(), 7000, 7100, 42, now.minusSeconds(60));
        SyncCursor ofAnEarlierSeed = new SyncCursor("2026-11-01T00:00:00Z: 3 files", 9000, 0, 0, now.minusSeconds(60));
        assertThat(ResumePoint.choose(Optional.of(seed), Optional.of(ofThisSeed), now).start()).isEqualTo(ofThisSeed);
        assertThat(ResumePoint.choose(Optional.of(seed), Optional.of(ofAnEarlierSeed), now).start())
                .isEqualTo(new SyncCursor(seed.seeded(), 5000 - ResumePoint.SEED_MARGIN, 0, 0, now));
        assertThat(ResumePoint.choose(Optional.of(new SeedMarker("s", "7312", "m", 9, 200L)), Optional.empty(), now)
                .start().afterId()).as("never below 0").isZero();
        assertThat(ResumePoint.choose(Optional.of(new SeedMarker("s", "7312", "m", 9)), Optional.empty(), now).start())
                .as("an older marker without a mark: from scratch").isEqualTo(SyncCursor.fromScratch("s"));
        assertThat(ResumePoint.choose(Optional.empty(), Optional.of(ofThisSeed), now).start())
                .as("the seed it built on is gone: from scratch").isEqualTo(SyncCursor.fromScratch(null));
    }
}
