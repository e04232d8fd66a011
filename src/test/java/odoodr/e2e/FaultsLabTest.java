package odoodr.e2e;

import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.lab.LabWriter;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.PrimarySession;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static odoodr.postgres.ConnectionProfile.LOCAL_STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults of issue 12, one after the other on one lab and one replica set up once (database, filestore, agent),
 * each while Odoo-style writes go on on prod: the fault shows in `status` within 30 s, clears within 30 s of the
 * repair, and afterwards the standby's ordered checksum of ir_attachment is prod's and `verify --deep` passes (no
 * row lost, no file missing or corrupt). The mirror lives on a small tmpfs of its own, so that it can be filled.
 */
class FaultsLabTest extends ReplicaLabTest {
    private static final String DB = "odoo";
    /** How soon status must show a fault, and show it gone after the repair. */
    private static final Duration NOTICE = Duration.ofSeconds(30);
    /** The agent's attachment loop (every 5 s) and the standby's replay, once the link is back. */
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private Path mirrorMount;

    @Override
    protected void prepare(ProdLab lab, Replica replica) throws Exception {
        mirrorMount = Path.of("/var/lib/odoo-dr-faults-" + lab.id());
        Files.createDirectories(mirrorMount);
        run("mount", "-t", "tmpfs", "-o", "size=64m,mode=0755,nosuid,nodev", "odoo-dr-faults-" + lab.id(),
                mirrorMount.toString());
        replica.withFilestoreBase(mirrorMount);
    }

    @AfterAll
    @Override
    void removeReplica() throws Exception {
        try {
            super.removeReplica();
        } finally {
            if (mirrorMount != null) {
                // lazy: a process of the replica that has not quite exited yet must not keep the mount
                new ProcessRunner().runAllowingFailure(Command.of("umount", "-l", mirrorMount.toString())
                        .timeout(Duration.ofSeconds(30)).build());
                Files.deleteIfExists(mirrorMount);
            }
        }
    }

    @Test
    @Order(1)
    void setupMirrorsAndStreamsWithTheAgentRunning(ProdLab lab) throws Exception {
        Replica.Run setup = stateChanging("setup");
        assertThat(setup.code()).as(setup.all()).isZero();
        try (LabWriter writer = lab.startWriter(DB, 1.0, 5)) {
            awaitStatus("everything OK after setup", FaultsLabTest::allOk);
            assertNothingLost(lab, writer);
        }
    }

    /**
     * SIGKILL of the standby's postmaster (the OOM killer's way), then the standby started again as systemd would:
     * status says the standby is down, then streaming and mirroring resume with nothing lost.
     */
    @Test
    @Order(2)
    void theStandbysPostmasterKilledAndRestarted(ProdLab lab) throws Exception {
        try (LabWriter writer = lab.startWriter(DB, 1.0, 5)) {
            Path pidFile = replica.cluster().dataDirectory().resolve("postmaster.pid");
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
            run("kill", "-KILL", Long.toString(postmaster));
            handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            Map<String, Map<String, Object>> down = awaitStatus("the standby down", is("standby_in_recovery", "CRITICAL"));
            System.out.println("MEASURED faults: standby killed: " + down.get("standby_in_recovery").get("detail"));

            // its backends notice the postmaster's death and exit; until they have, its shared memory is in use
            Poll.within(Duration.ofSeconds(60), Duration.ofSeconds(1)).ignoreExceptions().alias("the standby starts again")
                    .until(() -> {
                        replica.cluster().start();
                        return replica.cluster().status().map(s -> s.online()).orElse(false);
                    });
            awaitStatus("every row OK again after the standby's restart", FaultsLabTest::allOk);
            assertNothingLost(lab, writer);
        }
    }

    /**
     * Prod's sshd stopped with every session it serves (a crash, or a restart that kills its control group), down a
     * few seconds, then started again: the tunnel goes down in status, and comes back by itself, nothing lost.
     */
    @Test
    @Order(3)
    void prodsSshdRestartedWithItsSessionsDuringStreaming(ProdLab lab) throws Exception {
        try (LabWriter writer = lab.startWriter(DB, 1.0, 5)) {
            String sshd = lab.stateDir() + "/private/sshd";
            lab.exec("sh", "-c", "p=$(cat \"$1/sshd.pid\") && kill $p $(ps -o pid= --ppid $p)"
                    + " && while kill -0 $p 2>/dev/null; do sleep 0.1; done", "sh", sshd).requireOk();
            Map<String, Map<String, Object>> down = awaitStatus("the tunnel down", is("tunnel_up", "CRITICAL"));
            System.out.println("MEASURED faults: sshd down: " + down.get("tunnel_up").get("detail"));
            lab.exec("/usr/sbin/sshd", "-f", sshd + "/sshd_config", "-E", lab.env().get("LAB_SSHD_LOG")).requireOk();
            awaitStatus("every row OK again after sshd's restart", FaultsLabTest::allOk);
            assertNothingLost(lab, writer);
        }
    }

    // ---- status

    /** The JSON report's rows: id (or id/database) → row. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> statusRows() {
        Replica.Run r = replica.run("status", "--output", "json");
        assertThat(r.code()).as(r.all()).isZero();
        Map<String, Object> report = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(r.out());
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Object o : (List<Object>) report.get("checks")) {
            Map<String, Object> c = (Map<String, Object>) o;
            rows.put(c.get("database") == null ? (String) c.get("id") : c.get("id") + "/" + c.get("database"), c);
        }
        return rows;
    }

    /** Polls status (at most {@link #NOTICE}) until {@code until} holds and returns that report; fails with the last. */
    private Map<String, Map<String, Object>> awaitStatus(String what, Predicate<Map<String, Map<String, Object>>> until) {
        Map<String, Map<String, Object>> last = Poll.lastOf(NOTICE, Duration.ofSeconds(1), this::statusRows, until);
        assertThat(until.test(last)).as("status within %s: %s; last seen:%n%s", NOTICE, what, describe(last)).isTrue();
        return last;
    }

    private static String describe(Map<String, Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        rows.forEach((k, v) -> sb.append(v.get("status")).append(' ').append(k).append(": ").append(v.get("detail"))
                .append(v.get("hint") == null ? "" : " [" + v.get("hint") + "]").append('\n'));
        return sb.toString();
    }

    static boolean allOk(Map<String, Map<String, Object>> rows) {
        return rows.values().stream().allMatch(r -> "OK".equals(r.get("status")));
    }

    static Predicate<Map<String, Map<String, Object>>> is(String row, String status) {
        return rows -> rows.containsKey(row) && status.equals(rows.get(row).get("status"));
    }

    // ---- nothing lost

    /**
     * Stops the writer, then: the standby's ordered checksum of every attachment row prod has is prod's (polled: the
     * standby replays), and `verify --deep` passes (polled: the agent fetches the last files).
     */
    private void assertNothingLost(ProdLab lab, LabWriter writer) {
        assertThat(writer.stop()).as("the writer ran through the fault: %s", writer.log()).isZero();
        String maxId = lab.sql("SELECT max(id) FROM ir_attachment");
        String ordered = "SELECT count(*) || ' ' || md5(string_agg(id || ':' || coalesce(store_fname, '') || ':'"
                + " || coalesce(checksum, '') || ':' || coalesce(file_size, 0), ',' ORDER BY id))"
                + " FROM ir_attachment WHERE id <= " + maxId;
        String onProd = lab.sql(ordered);
        String onStandby = Poll.lastOf(CATCH_UP, Duration.ofMillis(500), () -> standbyValue(lab, ordered), onProd::equals);
        assertThat(onStandby).as("ordered checksum of ir_attachment up to id %s, standby vs prod", maxId).isEqualTo(onProd);
        Replica.Run verify = Poll.lastOf(CATCH_UP, Duration.ofSeconds(2), () -> replica.run("verify", "--deep"),
                v -> v.code() == 0);
        assertThat(verify.code()).as(verify.all()).isZero();
    }

    private String standbyValue(ProdLab lab, String sql) {
        try (PrimarySession s = ConnectionFactory.session(LOCAL_STANDBY.loginAs(lab.superuser(),
                PgEndpoint.loopback(replica.standbyPort()), Secret.of(lab.superuserPassword()), DB))) {
            return s.requireValue(sql);
        } catch (RuntimeException e) {
            return "standby not answering: " + e.getMessage();
        }
    }

    /**
     * Runs a command that takes the host's state lock, waiting (bounded) while another replica's command on this
     * machine holds it: other test classes may run beside this one.
     */
    private Replica.Run stateChanging(String... args) {
        Replica.Run r = Poll.lastOf(Duration.ofMinutes(5), Duration.ofSeconds(2), () -> replica.run(args),
                x -> !x.err().contains("is changing this host's state"));
        assertThat(r.err()).as("the state lock was free within 5 minutes").doesNotContain("is changing this host's state");
        return r;
    }

    private static void run(String... argv) {
        new ProcessRunner().run(Command.of(argv).timeout(Duration.ofSeconds(30)).build());
    }
}
