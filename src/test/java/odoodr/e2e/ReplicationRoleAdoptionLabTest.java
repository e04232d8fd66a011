package odoodr.e2e;

import odoodr.ExitCode;
import odoodr.lab.ProdLab;
import odoodr.lab.StepLines;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 4: postgres.replication_user names a role that exists on prod, was not made by odoo-dr, can create
 * databases and owns a table. Setup refuses to take it over (its password stays as it was) unless the operator
 * says --adopt-role; an adopted role is marked so, and decommission does not offer DROP ROLE for it.
 */
class ReplicationRoleAdoptionLabTest extends ReplicaLabTest {
    private static final String ROLE_STEP = "replication role on prod";
    private String passwordBefore;

    @Override
    protected void prepare(ProdLab lab, Replica replica) {
        lab.sql("CREATE ROLE replicator LOGIN CREATEDB PASSWORD 'someone-elses-password'");
        lab.sql("CREATE TABLE reports_of_someone_else (id int)");
        lab.sql("ALTER TABLE reports_of_someone_else OWNER TO replicator");
        passwordBefore = lab.sql("SELECT rolpassword FROM pg_authid WHERE rolname = 'replicator'");
    }

    @Test
    @Order(1)
    void setupRefusesToTakeOverARoleItDidNotMakeAndLeavesItsPasswordAlone(ProdLab lab) {
        Replica.Run r = replica.run("setup", "--only", "database");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.PRECONDITION.code());
        assertThat(StepLines.of(r.out()).resultOf(ROLE_STEP)).as(r.out()).isEqualTo("BLOCKED");
        assertThat(r.out()).contains("postgres.replication_user replicator already exists on prod and has CREATEDB")
                .contains("owns 1 objects (pg_class)").contains("was not made by odoo-dr (it has no odoo-dr comment)")
                .contains("setup would reset its password").contains("run setup --adopt-role");
        assertThat(lab.sql("SELECT rolpassword FROM pg_authid WHERE rolname = 'replicator'")).as("password untouched")
                .isEqualTo(passwordBefore);
        assertThat(lab.sql("SELECT count(*) FROM pg_replication_slots")).as("nothing after the blocked step").isEqualTo("0");
    }

    @Test
    @Order(2)
    void withAdoptRoleSetupTakesItOverMarksItAdoptedAndDecommissionLeavesItToTheOperator(ProdLab lab) {
        Replica.Run r = replica.run("setup", "--only", "database", "--adopt-role");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(StepLines.of(r.out()).resultOf(ROLE_STEP)).as(r.out()).isEqualTo("done");
        assertThat(lab.sql("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = 'replicator'"))
                .isEqualTo("adopted by odoo-dr as replication role for " + replica.name());
        assertThat(lab.sql("SELECT rolpassword <> '" + passwordBefore.replace("'", "''") + "' FROM pg_authid WHERE rolname = 'replicator'"))
                .isEqualTo("t");

        Replica.Run d = replica.run("decommission");
        assertThat(d.code()).as(d.all()).isZero();
        assertThat(d.out()).contains("role replicator on prod: left as it is; odoo-dr did not create it"
                + " (its comment: 'adopted by odoo-dr as replication role for " + replica.name() + "')")
                .doesNotContain("DROP ROLE");
        assertThat(lab.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'replicator'")).isEqualTo("1");
    }
}
