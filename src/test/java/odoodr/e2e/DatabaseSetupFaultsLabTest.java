package odoodr.e2e;

import odoodr.lab.Poll;
import odoodr.ExitCode;
import odoodr.lab.ProdLab;
import odoodr.lab.StepLines;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Setup meeting trouble: each failure has its own message, hint and exit code, changes nothing it should not, and
 * the next setup recovers. One replica per class, in order.
 */
class DatabaseSetupFaultsLabTest extends ReplicaLabTest {
    private static final String HBA = "/var/lib/docker/volumes/odoo_db-data/_data/pg_hba.conf";


    @Test
    @Order(1)
    void wrongSuperuserPasswordStopsBeforeAnyChange(ProdLab lab) throws Exception {
        Path wrong = dir.resolve("wrong-password");
        Files.writeString(wrong, "not-the-password\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        replica.writeConfig(wrong, 15);
        try {
            Replica.Run r = replica.run("setup", "--only", "database");
            assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.DATABASE.code());
            assertThat(r.out()).contains("password authentication failed").contains("hint:");
            assertThat(r.all()).doesNotContain("not-the-password");
            assertThat(lab.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'replicator'")).isEqualTo("0");
            assertThat(replica.cluster().exists()).isFalse();
        } finally {
            replica.writeConfig(lab.superuserPasswordFile(), 15);
        }
    }

    @Test
    @Order(2)
    void pgHbaRefusingReplicationNamesTheLineToAddAndGoesNoFurther(ProdLab lab) {
        lab.exec("sed", "-i", "s/^host    replication  all   127.0.0.1\\/32  scram-sha-256/host replication all 127.0.0.1\\/32 reject/", HBA)
                .requireOk();
        lab.sql("SELECT pg_reload_conf()");
        try {
            Replica.Run r = replica.run("setup", "--only", "database");
            assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.PRECONDITION.code());
            StepLines steps = StepLines.of(r.out());
            assertThat(steps.resultOf("replication connection allowed by prod's pg_hba.conf")).as(r.out()).isEqualTo("BLOCKED");
            assertThat(r.out()).contains("host replication replicator 127.0.0.1/32 scram-sha-256");
            assertThat(steps.with("not reached")).as(r.out()).isNotEmpty();
            assertThat(replica.cluster().exists()).as("nothing after the blocked step").isFalse();
        } finally {
            lab.exec("sed", "-i", "s/^host replication all 127.0.0.1\\/32 reject/host    replication  all   127.0.0.1\\/32  scram-sha-256/", HBA)
                    .requireOk();
            lab.sql("SELECT pg_reload_conf()");
        }
    }

    @Test
    @Order(3)
    void aKilledBaseBackupIsNeverStartedAndTheNextSetupRedoesIt(ProdLab lab) throws Exception {
        // enough data that the copy takes a moment to kill
        lab.sql("CREATE TABLE big AS SELECT g, repeat(md5(g::text), 30) AS filler FROM generate_series(1, 200000) g");
        Path partial = Path.of(replica.cluster().dataDirectory() + ".odoo-dr-partial");
        CompletableFuture<Replica.Run> setup = CompletableFuture.supplyAsync(() -> replica.run("setup", "--only", "database"));
        // every 10 ms: the copy is killed while it writes, not before it starts or after it ends
        boolean killed = Poll.lastOf(Duration.ofSeconds(120), Duration.ofMillis(10), () -> Files.exists(partial.resolve("base"))
                && ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("/pg_basebackup"))
                        .peek(ProcessHandle::destroyForcibly).count() > 0, done -> done || setup.isDone());
        Replica.Run r = setup.get();
        assertThat(killed).as("pg_basebackup was caught running and killed").isTrue();
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.BASE_BACKUP.code());
        assertThat(StepLines.of(r.out()).resultOf("base backup of prod in the standby's data directory")).as(r.out()).isEqualTo("FAILED");
        assertThat(r.out()).contains("redone by the next setup");
        assertThat(Files.exists(partial)).isTrue();
        assertThat(Files.exists(replica.cluster().dataDirectory().resolve("standby.signal")))
                .as("the incomplete copy is not in the data directory").isFalse();
        assertThat(replica.cluster().status().orElseThrow().online()).isFalse();

        Replica.Run again = replica.run("setup", "--only", "database");
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("remove the interrupted backup").contains("setup: all steps ok");
        assertThat(Files.exists(partial)).isFalse();
    }

    /**
     * Runbook gotcha 9: the setup process itself is killed (SIGKILL, as the OOM killer or a closed terminal's
     * kill would) in the middle of its base backup, and its pg_basebackup goes on copying, holding the slot. The next
     * setup stops that orphan and waits for prod to release the slot before it copies again, instead of failing on
     * "replication slot … is active" or racing it for the directory.
     */
    @Test
    @Order(4)
    void aSetupKilledDuringItsBaseBackupLeavesAnOrphanTheNextSetupStopsAndRedoes(ProdLab lab) throws Exception {
        lab.sql("CREATE TABLE IF NOT EXISTS bigger AS SELECT g, repeat(md5(g::text), 30) AS filler"
                + " FROM generate_series(1, 400000) g");
        Path partial = Path.of(replica.cluster().dataDirectory() + ".odoo-dr-partial");
        Process setup = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "odoodr.cli.Main", "--config", replica.configFile().toString(),
                "setup", "--only", "database", "--reseed")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            boolean copying = Poll.lastOf(Duration.ofSeconds(180), Duration.ofMillis(10),
                    () -> Files.exists(partial.resolve("base")) && !pgBasebackupsInto(partial).isEmpty(),
                    done -> done || !setup.isAlive());
            assertThat(copying).as("setup's pg_basebackup caught copying").isTrue();
        } finally {
            setup.destroyForcibly().waitFor();
        }
        assertThat(pgBasebackupsInto(partial)).as("the copy outlives the killed setup").isNotEmpty();

        Replica.Run again = Poll.lastOf(Duration.ofMinutes(5), Duration.ofSeconds(2),
                () -> replica.run("setup", "--only", "database"), r -> !r.err().contains("is changing this host's state"));
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.all()).contains("stop the pg_basebackup an earlier setup left copying into " + partial)
                .doesNotContain("is active for PID").contains("setup: all steps ok");
        assertThat(pgBasebackupsInto(partial)).isEmpty();
        assertThat(Files.exists(partial)).isFalse();
    }

    private static java.util.List<ProcessHandle> pgBasebackupsInto(Path partial) {
        return odoodr.process.LocalProcesses.runningWithArgument("pg_basebackup", partial.toString());
    }

    @Test
    @Order(4)
    void reseedTakesAFreshBaseBackupOnPurpose() {
        Replica.Run r = replica.run("setup", "--only", "database", "--reseed");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(StepLines.of(r.out()).resultOf("base backup of prod in the standby's data directory")).as(r.out()).isEqualTo("done");
        assertThat(r.out()).contains("--reseed").contains("setup: all steps ok");
    }

    @Test
    @Order(5)
    void aPromotedDataDirectoryIsNotDestroyedWithoutForce(ProdLab lab) {
        replica.cluster().promote();
        Replica.Run r = replica.run("setup", "--only", "database");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.PRECONDITION.code());
        assertThat(r.out()).contains("promoted from prod: diverged").contains("--force");
        assertThat(replica.cluster().status().orElseThrow().inRecovery()).as("left as it was").isFalse();

        Replica.Run forced = replica.run("setup", "--only", "database", "--force");
        assertThat(forced.code()).as(forced.all()).isZero();
        assertThat(forced.out()).contains("--force: DESTROY").contains("setup: all steps ok");
        assertThat(replica.cluster().status().orElseThrow().inRecovery()).isTrue();
    }
}
