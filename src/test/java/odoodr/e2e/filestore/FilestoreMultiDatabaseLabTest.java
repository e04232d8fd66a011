package odoodr.e2e.filestore;

import odoodr.e2e.Replica;
import odoodr.lab.ProdLab;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two databases, each with its own filestore, on a prod whose files belong to a uid that is taken on this replica
 * (here: postgres's): the odoo user gets another uid and the files are odoo's by name; `sync --full` reports each
 * database on its own line, and a database whose filestore is gone on prod fails alone, with exit code 13.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FilestoreMultiDatabaseLabTest {
    private ProdLab lab;
    private Replica replica;
    private int takenUid;
    private boolean odooExistedBefore;
    private java.nio.file.Path dir;

    @BeforeAll
    void labWithTwoDatabasesOwnedByAUidTakenHere() throws Exception {
        Assumptions.assumeTrue(ProdLab.isRoot() && !Boolean.getBoolean("odoodr.skipLab"), "prod lab tests need root");
        String postgres = new ProcessRunner().run(Command.of("id", "-u", "postgres").timeout(Duration.ofSeconds(10)).build())
                .stdoutTrimmed();
        takenUid = Integer.parseInt(postgres);
        lab = ProdLab.up(ProdLab.randomId(), takenUid, List.of("odoo", "sales"));
        dir = Files.createTempDirectory("odoo-dr-e2e");
        replica = new Replica(lab, dir).withOwnFilestore();
        odooExistedBefore = Files.exists(odoodr.host.ServiceUser.ODOO.home());
        lab.write("odoo", 40);
        lab.write("sales", 60);
    }

    @AfterAll
    void removeAll() throws java.io.IOException {
        try {
            if (replica != null) {
                replica.close();
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
            if (dir != null) {
                Files.deleteIfExists(dir.resolve("odoo-dr.yaml"));
                Files.deleteIfExists(dir);
            }
        }
    }

    @Test
    @Order(1)
    void eachDatabaseGetsItsOwnMirrorOwnedByNameWhenProdsUidIsTakenHere() {
        Replica.Run r = replica.run("setup", "--only", "filestore");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("initial copy of odoo's filestore").contains("initial copy of sales's filestore");
        if (!odooExistedBefore) {
            assertThat(r.out()).contains("with a free system uid (prod's filestore owner, uid " + takenUid + ", is postgres here");
            String uid = new ProcessRunner().run(Command.of("id", "-u", "odoo").timeout(Duration.ofSeconds(10)).build()).stdoutTrimmed();
            assertThat(Integer.parseInt(uid)).isNotEqualTo(takenUid);
        }
        for (String db : List.of("odoo", "sales")) {
            assertThat(Mirror.localFiles(replica.filestoreDir(db))).as(db).isEqualTo(Mirror.prodFiles(lab, db));
        }
    }

    @Test
    @Order(2)
    void syncFullSummarisesEveryDatabase() {
        lab.write("sales", 7);
        Replica.Run r = replica.run("sync", "--full");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("(?m)^odoo: 0 files, 0 bytes in [\\d.]+ s$")
                .containsPattern("(?m)^sales: 14 files, \\d+ bytes in [\\d.]+ s$");
    }

    @Test
    @Order(3)
    void aDatabaseWhoseFilestoreIsGoneOnProdFailsAloneWithExitCode13() {
        lab.exec("rm", "-rf", lab.filestorePath() + "/sales").requireOk();
        lab.write("odoo", 2);
        Replica.Run r = replica.run("sync", "--full");
        assertThat(r.code()).as(r.all()).isEqualTo(13);
        assertThat(r.out()).containsPattern("(?m)^odoo: 4 files, ").contains("sales: FAILED: filestore sales: prod has no ");
        assertThat(replica.filestoreDir("sales")).as("the mirror keeps what it had").isNotEmptyDirectory();
    }
}
