package odoodr.filestore.sync;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.filestore.TransferResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pass logic against a pretend standby and a pretend prod filestore. */
class AttachmentSyncTest {
    @TempDir
    Path local;
    @TempDir
    Path statusDir;

    private final FakeStandby standby = new FakeStandby();
    private final MutableClock clock = new MutableClock();
    private final Map<String, byte[]> prod = new HashMap<>();
    private final List<List<String>> fetches = new ArrayList<>();
    private final List<String> lockEvents = new ArrayList<>();
    private RuntimeException transportFailure;
    private AttachmentSync sync;

    @BeforeEach
    void sync() {
        SyncSettings settings = new SyncSettings(Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofMinutes(10),
                100, 1000, RetryBackoff.DEFAULT);
        TransferLock lock = transfer -> {
            lockEvents.add("lock");
            try {
                return transfer.get();
            } finally {
                lockEvents.add("unlock");
            }
        };
        sync = new AttachmentSync(List.of("odoo"), db -> standby, db -> local.resolve(db), this::fetch, lock,
                new SyncStatusFile(statusDir), settings, clock);
    }

    /** rsync --files-from of the requested names, from the pretend prod. */
    private TransferResult fetch(String db, Collection<String> names) {
        if (transportFailure != null) {
            throw transportFailure;
        }
        fetches.add(List.copyOf(names));
        List<String> missing = new ArrayList<>();
        int files = 0;
        long bytes = 0;
        for (String name : names) {
            byte[] content = prod.get(name);
            if (content == null) {
                missing.add(name);
                continue;
            }
            try {
                Path target = local.resolve(db).resolve(name);
                Files.createDirectories(target.getParent());
                Files.write(target, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files++;
            bytes += content.length;
        }
        return new TransferResult(files, bytes, Duration.ofMillis(1), missing);
    }

    private AttachmentRow attachment(long id, String content) {
        AttachmentRow row = standby.add(id, content.getBytes());
        prod.put(row.storeFname(), content.getBytes());
        return row;
    }

    private PassResult pass() {
        List<PassResult> results = sync.runPass();
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void fetchesExactlyTheNewFilesInOneTransferAndChecksThem() throws Exception {
        AttachmentRow a = attachment(1, "a");
        AttachmentRow b = attachment(2, "b");
        PassResult r = pass();
        assertThat(r.succeeded()).isTrue();
        assertThat(r.files()).isEqualTo(2);
        assertThat(fetches).containsExactly(List.of(a.storeFname(), b.storeFname()));
        assertThat(lockEvents).containsExactly("lock", "unlock");
        assertThat(local.resolve("odoo").resolve(a.storeFname())).hasContent("a");

        AttachmentRow c = attachment(3, "c");
        r = pass();
        assertThat(fetches).last().isEqualTo(List.of(c.storeFname()));
        assertThat(r.files()).isEqualTo(1);
        assertThat(r.rowsRead()).as("only the new row was read").isEqualTo(1);

        r = pass();
        assertThat(fetches).hasSize(2);
        assertThat(lockEvents).as("no transfer, no lock").hasSize(4);
        assertThat(r.files()).isZero();
    }

    @Test
    void filesAlreadyInTheMirrorAreNotFetchedAgain() throws Exception {
        AttachmentRow a = attachment(1, "a");
        Files.createDirectories(local.resolve("odoo").resolve(a.storeFname()).getParent());
        Files.writeString(local.resolve("odoo").resolve(a.storeFname()), "a");
        AttachmentRow b = attachment(2, "b");
        pass();
        assertThat(fetches).containsExactly(List.of(b.storeFname()));
    }

    @Test
    void rowsSharingAFileFetchItOnce() {
        attachment(1, "same");
        attachment(2, "same");
        PassResult r = pass();
        assertThat(fetches).hasSize(1);
        assertThat(fetches.get(0)).hasSize(1);
        assertThat(r.files()).isEqualTo(1);
    }

    @Test
    void aFileWithTheWrongSha1IsDeletedAndFetchedAgainLater() {
        AttachmentRow a = attachment(1, "a");
        prod.put(a.storeFname(), "corrupt on the way".getBytes());
        PassResult r = pass();
        assertThat(r.files()).isZero();
        assertThat(r.checksumMismatches()).isEqualTo(1);
        assertThat(local.resolve("odoo").resolve(a.storeFname())).doesNotExist();
        assertThat(sync.status().get("odoo").checksumMismatches()).extracting(SyncStatus.FailingFile::storeFname)
                .containsExactly(a.storeFname());

        prod.put(a.storeFname(), "a".getBytes());
        pass();
        assertThat(fetches).as("not before its backoff").hasSize(1);
        clock.advance(Duration.ofSeconds(5));
        r = pass();
        assertThat(r.files()).isEqualTo(1);
        assertThat(local.resolve("odoo").resolve(a.storeFname())).hasContent("a");
        assertThat(sync.status().get("odoo").backlog()).isZero();
    }

    @Test
    void aFileMissingOnProdIsRetriedWithBackoffReportedAndNeverStopsTheOthers() {
        AttachmentRow lost = attachment(1, "lost");
        prod.remove(lost.storeFname());
        AttachmentRow fine = attachment(2, "fine");
        PassResult r = pass();
        assertThat(r.succeeded()).isTrue();
        assertThat(r.files()).isEqualTo(1);
        assertThat(r.missingOnProd()).containsExactly(lost.storeFname());
        SyncStatus s = sync.status().get("odoo");
        assertThat(s.missingOnProdCount()).isEqualTo(1);
        assertThat(s.missingOnProd()).singleElement().satisfies(f -> {
            assertThat(f.storeFname()).isEqualTo(lost.storeFname());
            assertThat(f.attachmentId()).isEqualTo(1);
            assertThat(f.attempts()).isEqualTo(1);
        });
        assertThat(s.backlog()).isEqualTo(1);

        // 5 s, then 10 s, then 20 s between attempts
        List<Integer> attemptsAt = new ArrayList<>();
        for (int second = 1; second <= 40; second++) {
            clock.advance(Duration.ofSeconds(1));
            int before = fetches.size();
            pass();
            if (fetches.size() > before) {
                attemptsAt.add(second);
            }
        }
        assertThat(attemptsAt).containsExactly(5, 15, 35);
        assertThat(fine.storeFname()).isNotNull();

        prod.put(lost.storeFname(), "lost".getBytes()); // it shows up on prod again
        clock.advance(Duration.ofSeconds(40));
        r = pass();
        assertThat(r.files()).isEqualTo(1);
        assertThat(sync.status().get("odoo").missingOnProdCount()).isZero();
    }

    @Test
    void aFileMissingOnProdIsForgottenOnceNoRowReferencesIt() {
        AttachmentRow lost = attachment(1, "lost");
        prod.remove(lost.storeFname());
        pass();
        standby.rows.remove(1L); // prod deleted the attachment; the standby replayed it
        clock.advance(Duration.ofSeconds(5));
        PassResult r = pass();
        assertThat(fetches).hasSize(1);
        assertThat(r.backlog()).isZero();
        assertThat(sync.status().get("odoo").missingOnProd()).isEmpty();
    }

    @Test
    void filesDeletedOnProdAfterTheyWereMirroredStay() {
        AttachmentRow a = attachment(1, "a");
        pass();
        standby.rows.remove(1L);
        prod.remove(a.storeFname());
        clock.advance(Duration.ofHours(1)); // a full re-read too
        PassResult r = pass();
        assertThat(r.full()).isTrue();
        assertThat(local.resolve("odoo").resolve(a.storeFname())).hasContent("a");
    }

    @Test
    void aFailingTransportFailsThePassNotTheLoopAndNothingIsLost() {
        AttachmentRow a = attachment(1, "a");
        transportFailure = new DrException(ExitCode.RSYNC, "rsync: connection refused", null);
        PassResult r = pass();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.error()).contains("connection refused");
        SyncStatus s = sync.status().get("odoo");
        assertThat(s.lastError()).contains("connection refused");
        assertThat(s.lastSuccessfulPass()).isNull();
        assertThat(s.backlog()).isEqualTo(1);
        assertThat(s.transferFailures()).singleElement().satisfies(f -> {
            assertThat(f.storeFname()).isEqualTo(a.storeFname());
            assertThat(f.lastError()).contains("connection refused");
        });

        transportFailure = null;
        clock.advance(Duration.ofSeconds(5));
        r = pass();
        assertThat(r.succeeded()).isTrue();
        assertThat(r.files()).isEqualTo(1);
        assertThat(local.resolve("odoo").resolve(a.storeFname())).exists();
        assertThat(sync.status().get("odoo").lastSuccessfulPass()).isNotNull();
        assertThat(sync.status().get("odoo").lastError()).isNull();
    }

    @Test
    void aTransferFailureDelaysAFileByAMinuteAtMost() {
        attachment(1, "a");
        transportFailure = new DrException(ExitCode.RSYNC, "ssh: connection timed out", null);
        for (int i = 0; i < 12; i++) {
            pass();
            clock.advance(Duration.ofMinutes(1));
        }
        transportFailure = null;
        assertThat(pass().files()).isEqualTo(1);
    }

    @Test
    void aFileThatBreaksItsTransferIsIsolatedAndNeverBlocksTheOthers() {
        AttachmentRow poison = attachment(1, "unreadable on prod");
        AttachmentRow a = attachment(2, "a");
        List<List<String>> attempts = new ArrayList<>();
        sync = new AttachmentSync(List.of("odoo"), db -> standby, db -> local.resolve(db), (db, names) -> {
            attempts.add(List.copyOf(names));
            if (names.contains(poison.storeFname())) {
                throw new DrException(ExitCode.RSYNC, "rsync: send_files failed to open: Permission denied (13)", null);
            }
            return fetch(db, names);
        }, TransferLock.NONE, s -> { }, SyncSettings.withInterval(Duration.ofSeconds(5)), clock);
        assertThat(pass().succeeded()).as("new files and the bad one in one transfer, once").isFalse();

        AttachmentRow b = attachment(3, "b");
        clock.advance(Duration.ofSeconds(5));
        PassResult r = pass();
        assertThat(r.succeeded()).isTrue();
        assertThat(local.resolve("odoo").resolve(a.storeFname())).exists();
        assertThat(local.resolve("odoo").resolve(b.storeFname())).exists();
        assertThat(attempts.get(1)).as("new files travel apart from files asked for before").containsExactly(b.storeFname());
        SyncStatus s = sync.status().get("odoo");
        assertThat(s.backlog()).isEqualTo(1);
        assertThat(s.transferFailures()).extracting(SyncStatus.FailingFile::storeFname).containsExactly(poison.storeFname());

        AttachmentRow c = attachment(4, "c");
        clock.advance(Duration.ofSeconds(2));
        r = pass();
        assertThat(r.succeeded()).isTrue();
        assertThat(r.files()).isEqualTo(1);
        assertThat(attempts).last().isEqualTo(List.of(c.storeFname()));
    }

    @Test
    void aStandbyThatCannotBeReadFailsThePassAndTheNextPassCatchesUp() {
        attachment(1, "a");
        standby.failNext = new DrException(ExitCode.DATABASE, "standby: connection refused", null);
        assertThat(pass().succeeded()).isFalse();
        assertThat(pass().files()).isEqualTo(1);
    }

    @Test
    void unsafeNamesAreNeverFetchedAndAreReported() {
        standby.put(AttachmentRow.of(1, "../../../../etc/shadow", null, 10L));
        attachment(2, "b");
        pass();
        assertThat(fetches).singleElement().satisfies(names -> assertThat(names).noneMatch(n -> n.contains("..")));
        assertThat(sync.status().get("odoo").refused()).containsEntry(1L, "../../../../etc/shadow");
    }

    @Test
    void statusIsPublishedAfterEachPassInTheFormatStatusReads() throws Exception {
        AttachmentRow lost = attachment(1, "lost");
        prod.remove(lost.storeFname());
        attachment(2, "fine");
        pass();
        Path file = odoodr.health.FilestoreSyncStateFile.path(statusDir, "odoo");
        var state = odoodr.health.FilestoreSyncStateFile.read(file).orElseThrow();
        assertThat(state.database()).isEqualTo("odoo");
        assertThat(state.backlog()).isEqualTo(1);
        assertThat(state.missingOnProd()).isEqualTo(1);
        assertThat(state.lastError()).isNull();
        assertThat(state.lastSuccess()).isEqualTo(clock.instant());
        assertThat(Files.readString(file)).contains("\"files_fetched\": 1", "\"store_fname\": \"" + lost.storeFname() + "\"");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        try (var files = Files.list(statusDir)) {
            assertThat(files).hasSize(1);
        }

        transportFailure = new DrException(ExitCode.RSYNC, "rsync: connection refused", null);
        attachment(3, "three");
        clock.advance(Duration.ofSeconds(1));
        pass();
        state = odoodr.health.FilestoreSyncStateFile.read(file).orElseThrow();
        assertThat(state.lastError()).contains("connection refused");
        assertThat(state.lastAttempt()).isAfter(state.lastSuccess());
    }

    @Test
    void aLargeBacklogIsFetchedInChunks() {
        SyncSettings small = new SyncSettings(Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofMinutes(10),
                100, 3, RetryBackoff.DEFAULT);
        sync = new AttachmentSync(List.of("odoo"), db -> standby, db -> local.resolve(db), this::fetch, TransferLock.NONE,
                s -> { }, small, clock);
        for (int i = 1; i <= 7; i++) {
            attachment(i, "file " + i);
        }
        PassResult r = pass();
        assertThat(r.files()).isEqualTo(7);
        assertThat(fetches).extracting(List::size).containsExactly(3, 3, 1);
    }

    @Test
    void closeClosesTheStandbySessions() {
        sync.close();
        assertThat(standby.closed).isTrue();
    }
}
