package odoodr.postgres;

import odoodr.config.PgEndpoint;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Secret;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static odoodr.postgres.ConnectionProfile.DAILY_MONITOR;
import static odoodr.postgres.ConnectionProfile.LOCAL_STANDBY;
import static odoodr.postgres.ConnectionProfile.PROD_AS_REPLICATION_ROLE;
import static odoodr.postgres.ConnectionProfile.REPLICATION_PROTOCOL;
import static odoodr.postgres.ConnectionProfile.SETUP_SUPERUSER;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionHintsTest {
    static final String PGPASS_PASSWORD = "the password of replica_x in ~postgres/.pgpass is not the one the server"
            + " knows: run odoo-dr setup --only database";
    static final String NOTHING_ON_THE_TUNNEL =
            "nothing answers on the tunnel: is prod's PostgreSQL running and prod.pg_port right?";

    @Test
    void aWrongPasswordNamesWhereThatRolesPasswordComesFrom() {
        assertThat(hint(SETUP_SUPERUSER, "28P01"))
                .isEqualTo("wrong password: check prod.superuser_password_file or ODOO_DR_PROD_PASSWORD");
        assertThat(hint(DAILY_MONITOR, "28P01")).isEqualTo(PGPASS_PASSWORD);
        assertThat(hint(LOCAL_STANDBY, "28P01")).isEqualTo(PGPASS_PASSWORD);
        assertThat(hint(PROD_AS_REPLICATION_ROLE, "28P01")).isEqualTo(PGPASS_PASSWORD);
    }

    @Test
    void setupAndTheSessionsKeepTheirHints() {
        for (ConnectionProfile p : new ConnectionProfile[] {SETUP_SUPERUSER, LOCAL_STANDBY, PROD_AS_REPLICATION_ROLE}) {
            assertThat(hint(p, "28000")).as(p.name()).isEqualTo("the server's pg_hba.conf refuses this role or address");
            assertThat(hint(p, "3D000")).as(p.name()).isEqualTo("that database does not exist on the server");
            assertThat(hint(p, "42501")).as(p.name()).isNull();
            assertThat(hint(p, "08004")).as(p.name()).isNull();
        }
        assertThat(hint(SETUP_SUPERUSER, "08001")).isEqualTo(NOTHING_ON_THE_TUNNEL);
        assertThat(hint(PROD_AS_REPLICATION_ROLE, "08006")).isEqualTo(NOTHING_ON_THE_TUNNEL);
        assertThat(hint(LOCAL_STANDBY, "08001")).startsWith("nothing answers on the standby's port")
                .contains("postgres.port");
    }

    @Test
    void theDailyChecksSayWhatTheyNeed() {
        assertThat(hint(DAILY_MONITOR, "28000")).isEqualTo("the server's pg_hba.conf refuses replica_x for database"
                + " postgres: daily checks need a host line for it (besides the replication line)");
        assertThat(hint(DAILY_MONITOR, "42501")).isEqualTo("replica_x lacks pg_monitor: run odoo-dr setup --only database");
        for (String state : new String[] {"08001", "08006", "08004"}) {
            assertThat(hint(DAILY_MONITOR, state)).as(state)
                    .isEqualTo("nothing answers, or the connection broke: see the rows above");
        }
        assertThat(hint(DAILY_MONITOR, "3D000")).isNull();
    }

    @Test
    void theReplicationProtocolLeavesItsOneExpectedRefusalToTheStepThatMakesIt() {
        for (String state : new String[] {"28P01", "28000", "3D000", "42501", "08001"}) {
            assertThat(hint(REPLICATION_PROTOCOL, state)).as(state).isNull();
        }
    }

    @Test
    void anUnknownOrMissingStateHasNoHint() {
        for (ConnectionProfile p : ConnectionProfile.values()) {
            assertThat(hint(p, "XX000")).as(p.name()).isNull();
            assertThat(ConnectionHints.hint(login(p), new SQLException("no state"))).as(p.name()).isNull();
        }
    }

    @Test
    void aRefusedSessionIsADatabaseErrorNamingTheLoginAndCarryingTheHint() {
        Login login = SETUP_SUPERUSER.loginAs("odoo_admin",
                PgEndpoint.unixSocket(java.nio.file.Path.of("/tmp/odoo-dr-tunnel-1"), 5432), Secret.of("s3cret"), "odoo");
        SQLException refused = new SQLException("FATAL: password authentication failed", "28P01");
        DrException e = ConnectionFactory.failure(login, refused);
        assertThat(e.exitCode()).isEqualTo(ExitCode.DATABASE);
        assertThat(e.getMessage())
                .isEqualTo("PostgreSQL odoo_admin@/tmp/odoo-dr-tunnel-1/.s.PGSQL.5432/odoo: FATAL: password authentication failed");
        assertThat(e.hint()).isEqualTo(hint(SETUP_SUPERUSER, "28P01"));
        assertThat(e.getCause()).isSameAs(refused);
    }

    static String hint(ConnectionProfile profile, String state) {
        return ConnectionHints.hint(login(profile), new SQLException("refused", state));
    }

    static Login login(ConnectionProfile profile) {
        return profile.loginAs("replica_x", PgEndpoint.loopback(5432), Secret.of("pw"), "postgres");
    }
}
