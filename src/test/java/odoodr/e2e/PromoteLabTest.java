package odoodr.e2e;

import odoodr.config.PgEndpoint;
import odoodr.ExitCode;
import odoodr.config.Secret;
import odoodr.lab.ProdLab;
import odoodr.postgres.ConnectionFactory;
import odoodr.lab.Poll;
import odoodr.lab.StepLines;
import odoodr.postgres.PrimarySession;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static odoodr.postgres.ConnectionProfile.LOCAL_STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `promote` against the lab: refused while prod's PostgreSQL is a primary (split brain), a dry run changes nothing,
 * with prod's PostgreSQL stopped it promotes and the replica takes writes, and a second promote is a no-op.
 */
class PromoteLabTest extends ReplicaLabTest {

    @Test
    @Order(1)
    void aStreamingStandbyHasProdsRows(ProdLab lab) throws Exception {
        Replica.Run r = replica.run("setup", "--only", "database");
        assertThat(r.code()).as(r.all()).isZero();
        lab.sql("CREATE TABLE before_failover (id int primary key)");
        lab.sql("INSERT INTO before_failover SELECT generate_series(1, 1000)");
        assertThat(awaitOnStandby(lab, "SELECT count(*) FROM before_failover", "1000")).isEqualTo("1000");
    }

    @Test
    @Order(2)
    void refusedWhileProdIsAPrimaryAndNothingChanges(ProdLab lab) {
        Replica.Run r = replica.run("promote");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.FAILOVER.code()).isEqualTo(17);
        assertThat(r.out()).contains("BLOCKED").contains("is a primary").contains("split brain").contains("promote --force")
                .doesNotContain("promoted:");
        assertThat(requiredStandbyValue(lab, "SELECT pg_is_in_recovery()")).isEqualTo("t");
        assertThat(replica.cluster().status().orElseThrow().inRecovery()).isTrue();
    }

    @Test
    @Order(3)
    void forcedDryRunWhileProdIsUpNamesTheSplitBrainAndChangesNothing(ProdLab lab) {
        Replica.Run r = replica.run("promote", "--dry-run", "--force");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("SPLIT BRAIN").contains("would do").contains("promote --dry-run: dry run, nothing changed");
        assertThat(requiredStandbyValue(lab, "SELECT pg_is_in_recovery()")).isEqualTo("t");
    }

    @Test
    @Order(4)
    void dryRunWithProdDownChangesNothing(ProdLab lab) {
        lab.stopPostgres();
        Replica.Run r = replica.run("promote", "--dry-run");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("nothing answers on prod's 127.0.0.1:" + lab.pgPort())
                .contains("the filestore mirror is not set up here")
                .contains("promote --dry-run: dry run, nothing changed")
                .contains("if promoted now, may be lost:");
        assertThat(StepLines.of(r.out()).resultOf("standby promoted to primary")).as(r.out()).isEqualTo("would do");
        assertThat(requiredStandbyValue(lab, "SELECT pg_is_in_recovery()")).isEqualTo("t");
    }

    @Test
    @Order(5)
    void anUnreachableProdDoesNotBlockEither(ProdLab lab) {
        lab.cut();
        try {
            Replica.Run r = replica.run("promote", "--dry-run");
            assertThat(r.code()).as(r.all()).isZero();
            assertThat(r.out()).contains("does not answer and ssh to");
            assertThat(StepLines.of(r.out()).resultOf("standby promoted to primary")).as(r.out()).isEqualTo("would do");
        } finally {
            lab.heal();
        }
        assertThat(requiredStandbyValue(lab, "SELECT pg_is_in_recovery()")).isEqualTo("t");
    }

    @Test
    @Order(6)
    void withProdDownItPromotesAndTheReplicaTakesWrites(ProdLab lab) {
        String lastLsn = requiredStandbyValue(lab, "SELECT pg_last_wal_replay_lsn()");
        Replica.Run r = replica.run("promote");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(StepLines.of(r.out()).resultOf("standby promoted to primary")).as(r.out()).isEqualTo("done");
        assertThat(r.out()).contains("promoted: cluster 15/")
                .contains("last replayed WAL " + lastLsn)
                .contains("last replayed commit 20")
                .contains("may be lost:")
                .contains("next steps:").contains("--max-cron-threads=0").contains("setup --reseed --force")
                .contains("from ever running as a primary again").contains("slot " + replica.slotName());

        assertThat(requiredStandbyValue(lab, "SELECT pg_is_in_recovery()")).isEqualTo("f");
        assertThat(replica.cluster().status().orElseThrow().inRecovery()).isFalse();
        try (PrimarySession s = standby(lab)) {
            s.execute("CREATE TABLE after_failover (id int primary key)");
            s.execute("INSERT INTO after_failover VALUES (1)");
            assertThat(s.requireValue("SELECT count(*) FROM after_failover")).isEqualTo("1");
            assertThat(s.requireValue("SELECT count(*) FROM before_failover")).as("nothing of prod's lost").isEqualTo("1000");
        }
    }

    @Test
    @Order(7)
    void aSecondPromoteIsANoOp(ProdLab lab) {
        Replica.Run r = replica.run("promote");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("already promoted").contains("nothing changed");
        assertThat(StepLines.of(r.out()).with("done")).as(r.out()).isEmpty();
        assertThat(requiredStandbyValue(lab, "SELECT count(*) FROM after_failover")).isEqualTo("1");
    }

    @Test
    @Order(8)
    void decommissionAfterFailoverLeavesThePromotedClusterRunningAndDropsTheSlotWhenTheOldProdReturns(ProdLab lab) {
        Replica.Run whileDown = replica.run("decommission");
        assertThat(whileDown.code()).as(whileDown.all()).isEqualTo(ExitCode.DATABASE.code());
        StepLines steps = StepLines.of(whileDown.out());
        assertThat(steps.resultOf("tunnel to prod stopped, its files removed")).as(whileDown.out()).isEqualTo("done");
        assertThat(steps.resultOf("replication slot dropped on prod")).as(whileDown.out()).isEqualTo("BLOCKED");
        assertThat(whileDown.out()).contains("is not a standby (promoted?)");
        assertThat(replica.tunnelProcess()).as("tunnel stopped").isEmpty();

        lab.startPostgres();
        assertThat(lab.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + replica.slotName() + "'"))
                .as("the old prod still has our slot").isEqualTo("1");
        Replica.Run returned = replica.run("decommission");
        assertThat(returned.code()).as(returned.all()).isZero();
        assertThat(StepLines.of(returned.out()).resultOf("replication slot dropped on prod")).as(returned.out()).isEqualTo("done");
        assertThat(lab.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + replica.slotName() + "'")).isEqualTo("0");
        try (PrimarySession s = standby(lab)) {
            assertThat(s.requireValue("SELECT pg_is_in_recovery()")).isEqualTo("f");
            s.execute("INSERT INTO after_failover VALUES (2)");
        }
    }

    private PrimarySession standby(ProdLab lab) {
        return ConnectionFactory.session(LOCAL_STANDBY.loginAs(lab.superuser(), PgEndpoint.loopback(replica.standbyPort()), Secret.of(lab.superuserPassword()), "odoo"));
    }

    private String requiredStandbyValue(ProdLab lab, String sql) {
        try (PrimarySession s = standby(lab)) {
            return s.requireValue(sql);
        }
    }

    private String awaitOnStandby(ProdLab lab, String sql, String expected) {
        return Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
            try {
                return requiredStandbyValue(lab, sql);
            } catch (RuntimeException e) {
                return e.getMessage(); // not replayed yet
            }
        }, expected::equals);
    }
}
