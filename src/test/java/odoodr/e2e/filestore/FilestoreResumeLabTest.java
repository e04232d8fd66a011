package odoodr.e2e.filestore;

import odoodr.e2e.Replica;
import odoodr.e2e.ReplicaLabTest;
import odoodr.filestore.SeedMarker;
import odoodr.filestore.sync.AttachmentSync;
import odoodr.filestore.sync.PassResult;
import odoodr.filestore.sync.ResumePoint;
import odoodr.health.FilestoreSyncStateFile;
import odoodr.lab.ProdLab;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: nothing in the attachment sync is linear in the tree where it need not be. With a few thousand
 * attachments seeded by setup, the first pass after the seed (what the agent runs first) reads only the rows beyond
 * the seed's mark and asks rsync only for the new files; a new process resumes from what the last pass persisted;
 * the one-shot {@code sync} does the same. Asserted on what the passes report they read and asked rsync for.
 */
class FilestoreResumeLabTest extends ReplicaLabTest {
    private static final String DB = "odoo";
    private static final int SEEDED = 2500;
    private static final Pattern ROWS_READ = Pattern.compile("\\((\\d+) attachment rows read on the standby");
    private long maxIdBeforeSetup;
    private Path stateDir;

    @Override
    protected void prepare(ProdLab lab, Replica replica) throws Exception {
        replica.withOwnFilestore();
        lab.write(DB, SEEDED, 256);
        maxIdBeforeSetup = SyncLab.prodMaxId(lab, DB);
        SyncLab.setUp(replica, lab);
        stateDir = Files.createTempDirectory("odoo-dr-resume-state");
    }

    @AfterAll
    void removeStateFiles() throws Exception {
        if (stateDir != null) {
            Files.deleteIfExists(FilestoreSyncStateFile.path(stateDir, DB));
            Files.deleteIfExists(stateDir);
        }
    }

    private AttachmentSync open() {
        return AttachmentSync.open(replica.config(), new ProcessRunner(), stateDir, Duration.ofSeconds(30));
    }

    private List<String> writeAndAwait(ProdLab lab, int count) throws Exception {
        long before = SyncLab.prodMaxId(lab, DB);
        lab.write(DB, count, 256);
        SyncLab.awaitStandbyCaughtUp(replica, lab, DB);
        return List.copyOf(SyncLab.prodFileRows(lab, DB, before).keySet());
    }

    @Test
    @Order(1)
    void theFirstPassAfterTheSeedReadsOnlyBeyondItsMarkAndAsksRsyncOnlyForTheNewFiles(ProdLab lab) throws Exception {
        SeedMarker marker = SeedMarker.read(replica.config().filestore().localBase(), DB).orElseThrow();
        assertThat(marker.attachmentsUpTo()).as("the standby's highest id before rsync started").isEqualTo(maxIdBeforeSetup);
        List<String> fresh = writeAndAwait(lab, 30);
        assertThat(fresh).hasSize(30);
        try (AttachmentSync sync = open()) {
            PassResult first = sync.runPass().get(0);
            assertThat(first.succeeded()).as(first.error()).isTrue();
            assertThat(first.full()).isFalse();
            assertThat(first.rowsRead()).as("the seed's margin and the new rows, not the %d seeded", SEEDED)
                    .isLessThanOrEqualTo(ResumePoint.SEED_MARGIN + 30);
            assertThat(first.requested()).as("rsync asked for the new files only").isEqualTo(30);
            assertThat(first.files()).isEqualTo(30);
            sync.runPass(); // as the agent's next pass: the horizon settles, and is persisted
        }
        assertThat(fresh).allMatch(n -> Files.exists(replica.filestoreDir(DB).resolve(n)));
    }

    @Test
    @Order(2)
    void aNewProcessResumesFromWhatTheLastPassPersisted(ProdLab lab) throws Exception {
        List<String> fresh = writeAndAwait(lab, 10);
        try (AttachmentSync restarted = open()) {
            PassResult first = restarted.runPass().get(0);
            assertThat(first.succeeded()).as(first.error()).isTrue();
            assertThat(first.full()).isFalse();
            assertThat(first.rowsRead()).as("only rows beyond the persisted position").isEqualTo(10);
            assertThat(first.requested()).isEqualTo(10);
            assertThat(first.files()).isEqualTo(10);
        }
        assertThat(fresh).allMatch(n -> Files.exists(replica.filestoreDir(DB).resolve(n)));
    }

    @Test
    @Order(3)
    void theOneShotSyncIsIncrementalFromItsPersistedStateAndSyncFullStaysTheFullPass(ProdLab lab) throws Exception {
        Replica.Run afterSeed = replica.run("sync");
        assertThat(afterSeed.code()).as(afterSeed.all()).isZero();
        assertThat(afterSeed.out()).contains(DB + ": 0 files").doesNotContain("all of them");
        assertThat(rowsRead(afterSeed)).as(afterSeed.out()).isLessThanOrEqualTo(ResumePoint.SEED_MARGIN + 40);

        List<String> fresh = writeAndAwait(lab, 20);
        Replica.Run withNew = replica.run("sync");
        assertThat(withNew.code()).as(withNew.all()).isZero();
        assertThat(withNew.out()).contains(DB + ": 20 files").doesNotContain("all of them");
        assertThat(fresh).allMatch(n -> Files.exists(replica.filestoreDir(DB).resolve(n)));

        Replica.Run nothingNew = replica.run("sync");
        assertThat(nothingNew.out()).contains(DB + ": 0 files");
        assertThat(rowsRead(nothingNew)).as("not every row: %s", nothingNew.out()).isLessThanOrEqualTo(20);
        Map<String, Long> all = SyncLab.prodFileRows(lab, DB, 0);
        assertThat(all).hasSizeGreaterThan(SEEDED);

        Replica.Run full = replica.run("sync", "--full");
        assertThat(full.code()).as(full.all()).isZero();
        // only Odoo's empty checklist/ markers of the new attachments, which the attachment-driven sync never fetches
        assertThat(full.out()).containsPattern(DB + ": \\d+ files, 0 bytes");
    }

    private static long rowsRead(Replica.Run run) {
        Matcher m = ROWS_READ.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
