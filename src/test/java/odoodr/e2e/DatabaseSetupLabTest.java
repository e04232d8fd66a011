package odoodr.e2e;

import odoodr.lab.ProdLab;
import odoodr.lab.ProdLabExtension;
import odoodr.config.Secret;
import odoodr.standby.PrimarySession;
import odoodr.standby.ReplicationCredentials;
import odoodr.standby.Tunnel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From nothing to a streaming, read-only standby of the lab's prod with `preflight` and `setup --only database`,
 * then idempotence. One replica per class: the steps build on each other, in order.
 */
@ExtendWith(ProdLabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseSetupLabTest {
    private Replica replica;
    private Path dir;

    @BeforeAll
    void replica(ProdLab lab) throws Exception {
        dir = Files.createTempDirectory("odoo-dr-e2e");
        replica = new Replica(lab, dir);
    }

    @AfterAll
    void cleanup() {
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    @Order(1)
    void dryRunOnAFreshReplicaChangesNothingAnywhere(ProdLab lab) {
        boolean keyBefore = Files.exists(Tunnel.privateKey());
        Replica.Run r = replica.run("setup", "--dry-run", "--only", "database");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("would do").contains("setup --dry-run: dry run, nothing changed");
        assertThat(lab.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'replicator'")).isEqualTo("0");
        assertThat(lab.sql("SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
        assertThat(replica.cluster().exists()).isFalse();
        assertThat(Files.exists(Tunnel.privateKey())).isEqualTo(keyBefore);
        assertThat(replica.tunnelProcess()).isEmpty();
        assertThat(lab.exec("sh", "-c", "cat /home/ubuntu/.ssh/authorized_keys").stdout()).doesNotContain("odoo-dr-tunnel@");
    }

    @Test
    @Order(2)
    void setupStreamsAndEveryRowWrittenOnProdArrives(ProdLab lab) throws Exception {
        Replica.Run r = replica.run("setup", "--only", "database");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("setup: all steps ok");

        lab.sql("CREATE TABLE dr_rows (id int primary key, payload text)");
        lab.sql("INSERT INTO dr_rows SELECT g, md5(g::text) FROM generate_series(1, 10000) g");
        // prod's roles are replicated: its superuser logs in on the standby with prod's password
        Secret password = Secret.of(lab.superuserPassword());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String count = "";
        while (System.nanoTime() < deadline) {
            try (PrimarySession s = PrimarySession.connect(replica.standbyPort(), lab.superuser(), password, "odoo")) {
                count = s.queryValue("SELECT count(*) FROM dr_rows WHERE payload = md5(id::text)").orElse("");
            } catch (RuntimeException e) {
                count = e.getMessage(); // table not replayed yet
            }
            if (count.equals("10000")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(count).isEqualTo("10000");
    }

    @Test
    @Order(3)
    void secondSetupIsANoOp() {
        Replica.Run r = replica.run("setup", "--only", "database");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).doesNotContain("done  ").doesNotContain("FAILED").contains("setup: all steps ok");
    }

    @Test
    @Order(4)
    void noSecretInAutoConfAndPgpassIsPrivate(ProdLab lab) throws Exception {
        Path data = replica.cluster().dataDirectory();
        String auto = Files.readString(data.resolve("postgresql.auto.conf"));
        assertThat(auto).contains("passfile=").contains("primary_slot_name = '" + replica.slotName() + "'")
                .doesNotContain("password");
        Path pgpass = ReplicationCredentials.pgpassPath();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pgpass))).isEqualTo("rw-------");
        assertThat(Files.getOwner(pgpass).getName()).isEqualTo("postgres");
        String text = Files.readString(pgpass);
        assertThat(text).contains(":" + replica.tunnelPort() + ":replication:replicator:")
                .contains(":" + replica.tunnelPort() + ":*:replicator:");
        assertThat(lab.sql("SELECT rolname FROM pg_roles r WHERE rolreplication AND rolcanlogin AND pg_has_role(oid, 'pg_monitor', 'MEMBER') AND rolname = 'replicator'"))
                .isEqualTo("replicator");
        assertThat(lab.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + replica.slotName() + "' AND active"))
                .isEqualTo("1");
    }
}
