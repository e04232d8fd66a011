package odoodr.e2e;

import odoodr.lab.CommandResult;
import odoodr.ssh.ServiceKeyRole;
import odoodr.ExitCode;
import odoodr.lab.ProdLab;
import odoodr.lab.Poll;
import odoodr.lab.StepLines;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import odoodr.postgres.ReplicationCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `decommission` against the lab: a dry run changes nothing; a run drops the slot and our keys on prod and leaves
 * nothing of odoo-dr on the replica but the standby's data (stopped) and what it says it keeps; a second run is all
 * "already done"; a slot another client holds is not dropped without --force.
 */
class DecommissionLabTest extends ReplicaLabTest {
    private long supervisorPid;
    private long sshPid;

    /** Runs before the base class removes the replica: the hand-made filestore key of this test goes too. */
    @AfterAll
    void removeFakeFilestoreKey() throws Exception {
        if (replica != null) {
            Files.deleteIfExists(ServiceKeyRole.FILESTORE.privateKey(replica.config()));
            Files.deleteIfExists(Path.of(ServiceKeyRole.FILESTORE.privateKey(replica.config()) + ".pub"));
        }
    }

    @Test
    @Order(1)
    void aStreamingStandby(ProdLab lab) throws Exception {
        Replica.Run r = replica.run("setup", "--only", "database");
        assertThat(r.code()).as(r.all()).isZero();
        supervisorPid = replica.tunnelProcess().orElseThrow().pid();
        sshPid = replica.tunnelSsh().orElseThrow().pid();
        assertThat(slotState(lab)).isEqualTo("t");

        // The filestore's key as the filestore setup leaves it: a key pair of this replica's name in ~odoo/.ssh and
        // its line on prod. Made by hand here, so that this test does not depend on the filestore mirror's setup.
        Path key = ServiceKeyRole.FILESTORE.privateKey(replica.config());
        Files.createDirectories(key.getParent());
        new ProcessRunner().run(Command.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                ServiceKeyRole.FILESTORE.comment(replica.config()), "-f", key.toString()).timeout(Duration.ofSeconds(20)).build());
        String line = "restrict " + odoodr.ssh.AuthorizedKey.keyPart(Files.readString(Path.of(key + ".pub")))
                + " " + ServiceKeyRole.FILESTORE.comment(replica.config());
        assertThat(lab.exec("sh", "-c", "printf '%s\\n' \"$1\" >> /home/ubuntu/.ssh/authorized_keys", "sh", line).exitCode()).isZero();
        assertThat(authorizedKeys(lab)).contains("odoo-dr-filestore@" + replica.name())
                .contains("odoo-dr-monitor@" + replica.name());
        assertThat(ServiceKeyRole.MONITOR.privateKey(replica.config())).exists();
    }

    @Test
    @Order(2)
    void dryRunChangesNothing(ProdLab lab) throws Exception {
        Replica.Run r = replica.run("decommission", "--dry-run");
        assertThat(r.code()).as(r.all()).isZero();
        StepLines steps = StepLines.of(r.out());
        assertThat(steps.resultOf("tunnel to prod stopped, its files removed")).as(r.out()).isEqualTo("would do");
        assertThat(steps.resultOf("replication slot dropped on prod")).as(r.out()).isEqualTo("would do");
        assertThat(steps.with("done")).as(r.out()).isEmpty();
        assertThat(r.out()).contains("decommission --dry-run: dry run, nothing changed");
        assertThat(running(supervisorPid)).isTrue();
        assertThat(running(sshPid)).isTrue();
        assertThat(slotState(lab)).as("slot still active").isEqualTo("t");
        assertThat(authorizedKeys(lab)).contains("odoo-dr-tunnel@" + replica.name());
        assertThat(Files.readString(ReplicationCredentials.pgpassPath())).contains(":" + replica.tunnelPort() + ":");
        assertThat(ServiceKeyRole.TUNNEL.privateKey(replica.config())).exists();
        assertThat(ServiceKeyRole.MONITOR.privateKey(replica.config())).exists();
        assertThat(authorizedKeys(lab)).contains("odoo-dr-monitor@" + replica.name());
        assertThat(replica.cluster().status().orElseThrow().online()).isTrue();
    }

    @Test
    @Order(3)
    void decommissionDropsSlotAndKeysOnProdAndLeavesNothingHere(ProdLab lab) throws Exception {
        Path data = replica.cluster().dataDirectory();
        // a sync state as the filestore sync leaves it (per replica)
        Path state = odoodr.health.FilestoreSyncStateFile.path(odoodr.health.FilestoreSyncStateFile.directory(replica.config()), "odoo");
        Files.createDirectories(state.getParent());
        Files.writeString(state, "{}");
        Replica.Run r = replica.run("decommission");
        assertThat(r.code()).as(r.all()).isZero();
        StepLines steps = StepLines.of(r.out());
        assertThat(steps.resultOf("tunnel to prod stopped, its files removed")).as(r.out()).isEqualTo("done");
        assertThat(steps.resultOf("replication slot dropped on prod")).as(r.out()).isEqualTo("done");
        assertThat(r.out()).contains("decommission: all steps ok").contains("kept:").contains("standby data in " + data);
        assertThat(r.out()).as("odoo-dr made the role: it may be dropped once no replica uses it").contains("DROP ROLE replicator;");
        assertThat(lab.sql("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = 'replicator'"))
                .isEqualTo("odoo-dr replication role for " + replica.name());

        // prod: no slot, none of our key lines, the operator's own access untouched
        assertThat(lab.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + replica.slotName() + "'")).isEqualTo("0");
        assertThat(authorizedKeys(lab)).doesNotContain("odoo-dr-tunnel@").doesNotContain("odoo-dr-filestore@")
                .doesNotContain("odoo-dr-monitor@");
        assertThat(lab.ssh("true").exitCode()).as("operator's ssh access still works").isZero();

        // replica: no tunnel process, no lock/pid/log file
        assertThat(running(supervisorPid)).as("tunnel supervisor").isFalse();
        assertThat(running(sshPid)).as("tunnel ssh").isFalse();
        assertThat(replica.tunnelProcess()).isEmpty();
        assertThat(Path.of("/run/odoo-dr/tunnel-" + replica.tunnelPort() + ".lock")).doesNotExist();
        assertThat(Path.of("/run/odoo-dr/tunnel-" + replica.tunnelPort() + ".pid")).doesNotExist();
        assertThat(Path.of("/var/log/odoo-dr/tunnel-" + replica.tunnelPort() + ".log")).doesNotExist();
        assertThat(Path.of("/run/odoo-dr/agent-" + replica.tunnelPort() + ".lock")).as("the agent's lock").doesNotExist();
        assertThat(state.getParent()).as("this replica's sync state").doesNotExist();
        assertThat(listening(replica.tunnelPort())).as("nothing listens on the tunnel port").isFalse();
        // no password lines for our port, no key files, no host key pin
        Path pgpass = ReplicationCredentials.pgpassPath();
        if (Files.exists(pgpass)) {
            assertThat(Files.readString(pgpass)).doesNotContain("127.0.0.1:" + replica.tunnelPort() + ":");
        }
        assertThat(ServiceKeyRole.TUNNEL.privateKey(replica.config())).doesNotExist();
        assertThat(ServiceKeyRole.TUNNEL.key(replica.config()).publicKey()).doesNotExist();
        assertThat(ServiceKeyRole.FILESTORE.privateKey(replica.config())).doesNotExist();
        assertThat(Path.of(ServiceKeyRole.FILESTORE.privateKey(replica.config()) + ".pub")).doesNotExist();
        assertThat(ServiceKeyRole.MONITOR.privateKey(replica.config())).doesNotExist();
        assertThat(ServiceKeyRole.MONITOR.key(replica.config()).publicKey()).doesNotExist();
        assertThat(pinned(lab)).as("prod's host key pinned for postgres").isFalse();
        assertThat(Path.of(ServiceKeyRole.TUNNEL.knownHosts() + ".old")).doesNotExist();
        // the standby: stopped, not started at boot, data kept
        assertThat(replica.cluster().status().orElseThrow().online()).isFalse();
        assertThat(Files.readString(replica.cluster().configDirectory().resolve("start.conf"))).contains("manual");
        assertThat(data.resolve("PG_VERSION")).exists();
    }

    @Test
    @Order(4)
    void aSecondRunIsAlreadyDone() {
        Replica.Run r = replica.run("decommission");
        assertThat(r.code()).as(r.all()).isZero();
        StepLines steps = StepLines.of(r.out());
        assertThat(steps.with("done")).as(r.out()).isEmpty();
        assertThat(r.out()).contains("decommission: already done, nothing changed").doesNotContain("would do")
                .doesNotContain("FAILED");
    }

    @Test
    @Order(5)
    void aSlotHeldByAnotherClientIsDroppedOnlyWithForce(ProdLab lab) throws Exception {
        lab.sql("SELECT pg_create_physical_replication_slot('" + replica.slotName() + "', true)");
        String dir = lab.stateDir().resolve("private/receivewal").toString();
        CommandResult started = lab.exec("sh", "-c", "mkdir -p \"$1\" && PGPASSWORD=$(cat \"$2\") setsid "
                        + "/usr/lib/postgresql/15/bin/pg_receivewal -h 127.0.0.1 -p \"$3\" -U \"$4\" -S \"$5\" -D \"$1\" --no-loop"
                        + " > \"$1/log\" 2>&1 < /dev/null &",
                "sh", dir, lab.superuserPasswordFile().toString(), Integer.toString(lab.pgPort()), lab.superuser(), replica.slotName());
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(Poll.lastOf(Duration.ofSeconds(30), Duration.ofMillis(200), () -> slotState(lab), "t"::equals)).as("pg_receivewal holds the slot").isEqualTo("t");

        Replica.Run refused = replica.run("decommission");
        assertThat(refused.code()).as(refused.all()).isEqualTo(ExitCode.FAILOVER.code());
        assertThat(refused.out()).contains("BLOCKED").contains("is active").contains("pg_receivewal").contains("--force");
        assertThat(slotState(lab)).as("still there, still held").isEqualTo("t");

        Replica.Run forced = replica.run("decommission", "--force");
        assertThat(forced.code()).as(forced.all()).isZero();
        assertThat(StepLines.of(forced.out()).resultOf("replication slot dropped on prod")).as(forced.out()).isEqualTo("done");
        assertThat(slotState(lab)).as("dropped").isEmpty();
    }

    /** "t"/"f" for our slot's active flag, "" when there is no slot. */
    private String slotState(ProdLab lab) {
        return lab.sql("SELECT active FROM pg_replication_slots WHERE slot_name = '" + replica.slotName() + "'");
    }

    private static String authorizedKeys(ProdLab lab) {
        return lab.exec("sh", "-c", "cat /home/ubuntu/.ssh/authorized_keys").stdout();
    }

    private static boolean pinned(ProdLab lab) {
        if (!Files.exists(ServiceKeyRole.TUNNEL.knownHosts())) {
            return false;
        }
        return new ProcessRunner().runAllowingFailure(Command.of("ssh-keygen", "-F", lab.sshHost(), "-f",
                ServiceKeyRole.TUNNEL.knownHosts().toString()).timeout(Duration.ofSeconds(10)).build()).exitCode() == 0;
    }

    /** Running, and not a zombie (this machine's PID 1 does not reap orphans). */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
