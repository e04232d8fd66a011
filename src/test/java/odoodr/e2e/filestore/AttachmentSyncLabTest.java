package odoodr.e2e.filestore;

import odoodr.lab.LabWriter;
import odoodr.e2e.Replica;
import odoodr.e2e.ReplicaLabTest;
import odoodr.filestore.FilestoreTransport;
import odoodr.filestore.sync.AttachmentReadGrantStep;
import odoodr.filestore.sync.AttachmentSync;
import odoodr.filestore.sync.StandbyAttachments;
import odoodr.filestore.sync.SyncSettings;
import odoodr.filestore.sync.SyncStatus;
import odoodr.filestore.sync.SyncStatusFile;
import odoodr.filestore.sync.TransferLock;
import odoodr.lab.ProdLab;
import odoodr.lab.Poll;
import odoodr.lab.JsonTree;
import odoodr.process.ProcessRunner;
import odoodr.runbook.StepOutcome;
import odoodr.postgres.PrimarySession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attachment-driven sync end to end: a standby of the lab's prod, the filestore set up and seeded, then the
 * sync against prod's real writer, prod's garbage collection and files missing on prod. One replica per class; the
 * tests build on each other, in order.
 */
class AttachmentSyncLabTest extends ReplicaLabTest {
    private static final String DB = "odoo";
    private List<StepOutcome> grant;

    @Override
    protected void prepare(ProdLab lab, Replica replica) throws Exception {
        replica.withOwnFilestore();
        grant = SyncLab.setUp(replica, lab);
    }

    @AfterAll
    void removeStatusFile() throws Exception {
        if (replica == null) {
            return; // skipped here: nothing was made
        }
        Files.deleteIfExists(odoodr.health.FilestoreSyncStateFile.path(odoodr.health.FilestoreSyncStateFile.directory(replica.config()), DB));
    }

    /** verify's problem lines ({@code MISSING  attachment 12  ab/cdef...}) as [kind, attachment id, store_fname]. */
    private static List<List<String>> problemLines(String out) {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "^ +(MISSING|WRONG SIZE|WRONG SHA1|UNSAFE NAME) +attachment +(\\d+) +(\\S+).*$");
        return out.lines().map(line::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> List.of(m.group(1), m.group(2), m.group(3))).toList();
    }

    private Path local(String storeFname) {
        return replica.filestoreDir(DB).resolve(storeFname);
    }

    private static String sha1(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
    }

    @Test
    @Order(1)
    void theReplicationRoleMayReadTheFileColumnsOnTheStandbyAndNothingMore(ProdLab lab) {
        assertThat(grant).singleElement().extracting(StepOutcome::result)
                .isIn(StepOutcome.Result.DONE, StepOutcome.Result.ALREADY_DONE);
        assertThat(SyncLab.runGrantStep(replica, lab, false)).singleElement().extracting(StepOutcome::result)
                .isEqualTo(StepOutcome.Result.ALREADY_DONE);
        assertThat(lab.sql(DB, "SELECT string_agg(column_name, ',' ORDER BY column_name)"
                + " FROM information_schema.column_privileges WHERE grantee = 'replicator' AND table_name = 'ir_attachment'"))
                .isEqualTo(String.join(",", AttachmentReadGrantStep.COLUMNS.stream().sorted().toList()));

        try (PrimarySession s = StandbyAttachments.connect(replica.config(), DB)) {
            assertThat(s.requireValue("SELECT count(*) FROM ir_attachment WHERE store_fname IS NOT NULL"))
                    .isEqualTo(lab.sql(DB, "SELECT count(*) FROM ir_attachment WHERE store_fname IS NOT NULL"));
            assertThat(s.requireValue("SELECT pg_is_in_recovery()::text")).isEqualTo("true");
            for (String column : List.of("db_datas", "index_content", "access_token", "*")) {
                assertThatThrownBy(() -> s.queryValue("SELECT " + column + " FROM ir_attachment LIMIT 1"))
                        .as(column).hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    @Order(2)
    void syncFetchesExactlyTheNewAttachmentsFiles(ProdLab lab) throws Exception {
        Replica.Run first = replica.run("sync");
        assertThat(first.code()).as(first.all()).isZero();
        assertThat(first.out()).contains(DB + ": 0 files");

        long before = SyncLab.prodMaxId(lab, DB);
        lab.write(DB, 50);
        SyncLab.awaitStandbyCaughtUp(replica, lab, DB);
        Replica.Run r = replica.run("sync");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains(DB + ": 50 files, " + 50 * 2048 + " bytes").contains("0 missing on prod; 0 still wanted");
        Map<String, Long> written = SyncLab.prodFileRows(lab, DB, before);
        assertThat(written).hasSize(50);
        for (String name : written.keySet()) {
            assertThat(sha1(local(name))).isEqualTo(name.substring(3));
            assertThat(Files.getOwner(local(name)).getName()).isEqualTo("odoo");
        }
        Replica.Run again = replica.run("sync");
        assertThat(again.out()).contains(DB + ": 0 files");
        JsonTree state = JsonTree.parse(Files.readString(odoodr.health.FilestoreSyncStateFile.path(odoodr.health.FilestoreSyncStateFile.directory(replica.config()), DB)));
        assertThat(state.number("backlog")).isZero();
        assertThat(state.at("last_error")).isNull();
    }

    @Test
    @Order(3)
    void theLoopKeepsUpWithProdsWriterAndTheDelayIsMeasured(ProdLab lab) throws Exception {
        Duration interval = Duration.ofSeconds(1);
        long before = SyncLab.prodMaxId(lab, DB);
        Path statusDir = Files.createTempDirectory("odoo-dr-sync-status");
        FilestoreTransport transport = new FilestoreTransport(replica.config(), new ProcessRunner());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> passFiles = new ArrayList<>();
        try (AttachmentSync sync = new AttachmentSync(List.of(DB), db -> new StandbyAttachments(replica.config(), db),
                transport::localDir, transport::fetch, TransferLock.NONE, new SyncStatusFile(statusDir),
                SyncSettings.withInterval(interval), Clock.systemUTC())) {
            Thread loop = new Thread(() -> sync.runUntilStopped(running::get, () -> true), "attachment-sync-loop");
            loop.start();
            try (LabWriter writer = lab.startWriter(DB, 0.5)) {
                Thread.sleep(30_000); // prod writes for half a minute while the loop runs: a load, not a wait
                writer.stop();
                assertThat(writer.log()).contains("wrote");
            }
            Map<String, Long> written = SyncLab.prodFileRows(lab, DB, before);
            assertThat(written).hasSizeGreaterThan(100);
            Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(200),
                    () -> written.keySet().stream().allMatch(n -> Files.exists(local(n))), Boolean::booleanValue);
            running.set(false);
            loop.join(30_000);
            assertThat(written.keySet()).allMatch(n -> Files.exists(local(n)));

            List<Long> delays = new ArrayList<>();
            for (Map.Entry<String, Long> e : written.entrySet()) {
                assertThat(sha1(local(e.getKey()))).isEqualTo(e.getKey().substring(3));
                long arrived = ((FileTime) Files.getAttribute(local(e.getKey()), "unix:ctime")).toMillis();
                delays.add(arrived - e.getValue());
            }
            delays.sort(null);
            System.out.printf("MEASURED attachment delay (row's create_date on prod -> file in the mirror), %d files,"
                            + " writer 10 attachments/0.5 s, sync_interval %d s: p50 %d ms, p95 %d ms, max %d ms%n",
                    delays.size(), interval.toSeconds(), SyncLab.percentile(delays, 50), SyncLab.percentile(delays, 95),
                    delays.get(delays.size() - 1));
            SyncStatus status = sync.status().get(DB);
            assertThat(status.backlog()).isZero();
            assertThat(status.lastError()).isNull();
            assertThat(status.filesFetched()).isEqualTo(written.size());
            assertThat(JsonTree.parse(Files.readString(odoodr.health.FilestoreSyncStateFile.path(statusDir, DB))).number("files_fetched"))
                    .isEqualTo(written.size());
        } finally {
            running.set(false);
            try (var files = Files.list(statusDir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(statusDir);
        }
    }

    @Test
    @Order(4)
    void verifyDeepIsCleanThenNamesEveryDamagedFileWithAssetBundlesApart(ProdLab lab) throws Exception {
        Replica.Run clean = replica.run("verify", "--deep");
        assertThat(clean.code()).as(clean.all()).isZero();
        assertThat(clean.out()).contains("verify: OK");
        String fileRows = lab.sql(DB, "SELECT count(*) FROM ir_attachment WHERE store_fname IS NOT NULL AND type = 'binary'");
        Replica.Run json = replica.run("verify", "--deep", "--output", "json");
        assertThat(json.code()).isZero();
        JsonTree report = JsonTree.parse(json.out());
        assertThat(report.text("schema")).isEqualTo("odoo-dr.verify/1");
        assertThat(report.at("ok")).isEqualTo(true);
        assertThat(report.number("totals", "attachments")).isEqualTo(Long.parseLong(fileRows));
        assertThat(report.number("databases", 0, "attachments")).isEqualTo(Long.parseLong(fileRows));
        // rows without a file (a URL, content in the database, an empty file) are not counted, let alone missing
        assertThat(Long.parseLong(lab.sql(DB, "SELECT count(*) FROM ir_attachment"))).isGreaterThan(Long.parseLong(fileRows));

        String[] gone = lab.sql(DB, "SELECT id || ' ' || store_fname FROM ir_attachment WHERE store_fname IS NOT NULL"
                + " AND res_model = 'res.partner' ORDER BY id DESC LIMIT 1").split(" ");
        String[] flipped = lab.sql(DB, "SELECT id || ' ' || store_fname FROM ir_attachment WHERE store_fname IS NOT NULL"
                + " AND res_model = 'res.partner' ORDER BY id DESC OFFSET 1 LIMIT 1").split(" ");
        String[] asset = lab.sql(DB, "SELECT id || ' ' || store_fname FROM ir_attachment WHERE res_model = 'ir.ui.view'")
                .split(" ");
        long damagedBytes = Files.size(local(gone[1])) + Files.size(local(asset[1])) + Files.size(local(flipped[1]));
        Files.delete(local(gone[1]));
        Files.delete(local(asset[1]));
        byte[] content = Files.readAllBytes(local(flipped[1]));
        content[100] ^= 1;
        Files.write(local(flipped[1]), content);

        Replica.Run shallow = replica.run("verify");
        assertThat(shallow.code()).isEqualTo(16);
        assertThat(problemLines(shallow.out())).as(shallow.out()).contains(List.of("MISSING", gone[0], gone[1]));
        assertThat(shallow.out()).doesNotContain("WRONG SHA1");
        Replica.Run deep = replica.run("verify", "--deep");
        assertThat(deep.code()).as(deep.all()).isEqualTo(16);
        assertThat(problemLines(deep.out())).as(deep.out())
                .contains(List.of("MISSING", gone[0], gone[1]), List.of("WRONG SHA1", flipped[0], flipped[1]));
        assertThat(deep.out())
                .contains("asset bundles (CSS/JS): 1 missing or wrong")
                .contains("attachment " + asset[0] + " ")
                .contains("verify: INCOMPLETE: 2 attachment(s) would be lost by a failover now, plus 1 asset bundle file(s) (exit 16)");
        int assetsAt = deep.out().indexOf("asset bundles (CSS/JS)");
        assertThat(deep.out().indexOf("attachment " + asset[0] + " ")).isGreaterThan(assetsAt);
        Replica.Run deepJson = replica.run("verify", "--deep", "--output", "json");
        assertThat(deepJson.code()).isEqualTo(16);
        JsonTree deepReport = JsonTree.parse(deepJson.out());
        assertThat(deepReport.at("ok")).isEqualTo(false);
        assertThat(deepReport.number("totals", "missing")).isEqualTo(1);
        assertThat(deepReport.number("totals", "wrong_checksum")).isEqualTo(1);
        assertThat(deepReport.number("totals", "asset_bundle_problems")).isEqualTo(1);
        assertThat(deepReport.find("attachment_id", Integer.parseInt(gone[0]), "databases", 0, "problems"))
                .containsEntry("problem", "missing").containsEntry("asset_bundle", false);
        assertThat(deepReport.find("attachment_id", Integer.parseInt(flipped[0]), "databases", 0, "problems"))
                .containsEntry("problem", "wrong_checksum");
        assertThat(deepReport.find("attachment_id", Integer.parseInt(asset[0]), "databases", 0, "asset_bundles"))
                .containsEntry("asset_bundle", true);
        assertThat(deepJson.err()).doesNotContain("{");

        // repair: the damaged file is removed, and the full pass fetches what is missing (the attachment-driven
        // `sync` resumes from its persisted position: files of rows it has done are the full pass's to restore)
        Files.delete(local(flipped[1]));
        Replica.Run sync = replica.run("sync", "--full");
        // its file count also has Odoo's empty checklist/ markers of the attachments written since the seed: the
        // bytes are those of the three files
        assertThat(sync.out()).containsPattern(DB + ": \\d+ files, " + damagedBytes + " bytes");
        assertThat(replica.run("verify", "--deep").code()).isZero();
    }

    @Test
    @Order(5)
    void prodsGarbageCollectionDoesNotReachTheMirror(ProdLab lab) throws Exception {
        String[] row = lab.sql(DB, "SELECT id || ' ' || store_fname FROM ir_attachment WHERE store_fname IS NOT NULL"
                + " AND res_model = 'res.partner' ORDER BY id DESC LIMIT 1").split(" ");
        assertThat(local(row[1])).exists();
        // Odoo: the row is deleted; later the GC removes the file no committed row references
        lab.sql(DB, "DELETE FROM ir_attachment WHERE id = " + row[0]);
        lab.exec("rm", lab.filestorePath() + "/" + DB + "/" + row[1]).requireOk();
        lab.write(DB, 3);
        SyncLab.awaitStandbyCaughtUp(replica, lab, DB);
        Replica.Run r = replica.run("sync");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains(DB + ": 3 files");
        assertThat(local(row[1])).as("kept: a lagging standby may still reference it").exists();
        assertThat(replica.run("verify").code()).isZero();
    }

    @Test
    @Order(6)
    void aFileMissingOnProdIsReportedRetriedAndStopsNothing(ProdLab lab) throws Exception {
        lab.write(DB, 1);
        String[] lost = lab.sql(DB, "SELECT id || ' ' || store_fname FROM ir_attachment ORDER BY id DESC LIMIT 1").split(" ");
        lab.exec("rm", lab.filestorePath() + "/" + DB + "/" + lost[1]).requireOk();
        lab.write(DB, 5);
        SyncLab.awaitStandbyCaughtUp(replica, lab, DB);

        Replica.Run r = replica.run("sync");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains(DB + ": 5 files").contains("1 missing on prod; 1 still wanted")
                .contains("missing on prod (asked again later by the agent): " + lost[1]);
        JsonTree state = JsonTree.parse(Files.readString(odoodr.health.FilestoreSyncStateFile.path(odoodr.health.FilestoreSyncStateFile.directory(replica.config()), DB)));
        assertThat(state.number("missing_on_prod")).isEqualTo(1);
        assertThat(state.find("attachment_id", Integer.parseInt(lost[0]), "missing_on_prod_files"))
                .containsEntry("store_fname", lost[1]);

        Replica.Run verify = replica.run("verify");
        assertThat(verify.code()).isEqualTo(16);
        assertThat(problemLines(verify.out())).as(verify.out()).contains(List.of("MISSING", lost[0], lost[1]));

        // The loop: passes go on, the file is asked for again with backoff, and forgotten once its row is deleted.
        // A new index: the lost file is all its first pass asks prod for, a fetch of nothing but a missing name.
        Path statusDir = Files.createTempDirectory("odoo-dr-sync-status");
        try (AttachmentSync sync = AttachmentSync.open(replica.config(), new ProcessRunner(), statusDir,
                Duration.ofSeconds(30))) {
            var first = sync.runPass().get(0);
            assertThat(first.succeeded()).isTrue();
            assertThat(first.missingOnProd()).containsExactly(lost[1]);
            assertThat(first.files()).isZero();
            assertThat(sync.status().get(DB).lastError()).isNull();
            lab.write(DB, 2);
            SyncLab.awaitStandbyCaughtUp(replica, lab, DB);
            var second = sync.runPass().get(0);
            assertThat(second.succeeded()).isTrue();
            assertThat(second.files()).isEqualTo(2);
            assertThat(second.missingOnProd()).as("not asked again before its backoff").isEmpty();
            assertThat(sync.status().get(DB).missingOnProdCount()).isEqualTo(1);

            lab.sql(DB, "DELETE FROM ir_attachment WHERE id = " + lost[0]);
            SyncLab.awaitStandbyCaughtUp(replica, lab, DB);
            Thread.sleep(5_000);
            var third = sync.runPass().get(0);
            assertThat(third.backlog()).isZero();
            assertThat(sync.status().get(DB).missingOnProd()).isEmpty();
        } finally {
            Files.deleteIfExists(odoodr.health.FilestoreSyncStateFile.path(statusDir, DB));
            Files.delete(statusDir);
        }
        assertThat(replica.run("verify").code()).isZero();
    }
}
