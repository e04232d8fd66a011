package odoodr.e2e.filestore;

import odoodr.e2e.Replica;
import odoodr.lab.ProdLab;
import odoodr.lab.JsonTree;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Several databases (config {@code databases:}), each with its own filestore, mirror, status and verify section. */
class MultiDatabaseSyncLabTest {
    private static final List<String> DATABASES = List.of("odoo", "odoo2");

    @Test
    void eachDatabaseIsSyncedVerifiedAndReportedOnItsOwn() throws Exception {
        Assumptions.assumeTrue(ProdLab.isRoot() && !Boolean.getBoolean("odoodr.skipLab"),
                "prod lab test skipped: it needs root (or -Dodoodr.skipLab=true was given)");
        java.nio.file.Path dir = Files.createTempDirectory("odoo-dr-multidb-e2e");
        try (ProdLab lab = ProdLab.up(ProdLab.randomId(), 999, DATABASES);
             Replica replica = new Replica(lab, dir).withOwnFilestore()) {
            try {
                SyncLab.setUp(replica, lab);
                lab.write("odoo", 20);
                lab.write("odoo2", 30);
                for (String db : DATABASES) {
                    SyncLab.awaitStandbyCaughtUp(replica, lab, db);
                }
                Replica.Run sync = replica.run("sync");
                assertThat(sync.code()).as(sync.all()).isZero();
                assertThat(sync.out()).contains("odoo: 20 files", "odoo2: 30 files");
                for (String db : DATABASES) {
                    for (String name : SyncLab.prodFileRows(lab, db, 0).keySet()) {
                        assertThat(replica.filestoreDir(db).resolve(name)).exists();
                    }
                    JsonTree state = JsonTree.parse(Files.readString(
                            odoodr.health.FilestoreSyncStateFile.path(odoodr.health.FilestoreSyncStateFile.directory(replica.config()), db)));
                    assertThat(state.text("database")).isEqualTo(db);
                    assertThat(state.number("backlog")).isZero();
                }
                String odoo2Only = SyncLab.prodFileRows(lab, "odoo2", 0).keySet().iterator().next();
                assertThat(replica.filestoreDir("odoo").resolve(odoo2Only)).doesNotExist();

                Replica.Run verify = replica.run("verify", "--deep");
                assertThat(verify.code()).as(verify.all()).isZero();
                assertThat(verify.out()).contains("database odoo: ", "database odoo2: ", "verify: OK");

                Files.delete(replica.filestoreDir("odoo2").resolve(odoo2Only));
                Replica.Run broken = replica.run("verify", "--output", "json");
                assertThat(broken.code()).isEqualTo(16);
                JsonTree report = JsonTree.parse(broken.out());
                assertThat(report.find("database", "odoo", "databases")).containsEntry("ok", true);
                assertThat(report.find("database", "odoo2", "databases")).containsEntry("ok", false);
            } finally {
                for (String db : DATABASES) {
                    Files.deleteIfExists(odoodr.health.FilestoreSyncStateFile.path(odoodr.health.FilestoreSyncStateFile.directory(replica.config()), db));
                }
            }
        } finally {
            SyncLab.deleteConfigDir(dir);
        }
    }
}
