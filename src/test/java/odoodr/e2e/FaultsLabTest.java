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

import java.nio.charset.StandardCharsets;
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
        underWrites(lab, () -> {
            Path pidFile = replica.cluster().dataDirectory().resolve("postmaster.pid");
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
            run("kill", "-KILL", Long.toString(postmaster));
            handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }, "the standby down", is("standby_in_recovery", "CRITICAL"), shown -> {
        }, () -> {
            // its backends notice the postmaster's death and exit; until they have, its shared memory is in use
            Poll.within(Duration.ofSeconds(60), Duration.ofSeconds(1)).ignoreExceptions().alias("the standby starts again")
                    .until(() -> {
                        replica.cluster().start();
                        return replica.cluster().status().map(s -> s.online()).orElse(false);
                    });
        });
    }

    /**
     * Prod's sshd stopped with every session it serves (a crash, or a restart that kills its control group), down a
     * few seconds, then started again: the tunnel goes down in status, and comes back by itself, nothing lost.
     */
    @Test
    @Order(3)
    void prodsSshdRestartedWithItsSessionsDuringStreaming(ProdLab lab) throws Exception {
        underWrites(lab, () -> stopSshd(lab), "the tunnel down", is("tunnel_up", "CRITICAL"), shown -> {
        }, () -> startSshd(lab));
    }

    /**
     * An attachment whose file on prod has other bytes than its checksum says (same size, one word changed): it never
     * lands in the mirror under its name, status names it until prod's file is put right, then it arrives.
     */
    @Test
    @Order(4)
    void aFileWhoseBytesDifferFromItsSha1OnProd(ProdLab lab) throws Exception {
        String good = "attachment of the fault test " + lab.id() + " " + System.nanoTime() + "\n";
        String sha = sha1Hex(good.getBytes(StandardCharsets.UTF_8));
        String storeFname = sha.substring(0, 2) + "/" + sha;
        underWrites(lab, () -> {
            putOnProd(lab, storeFname, good.replace("fault test", "FAULT TEST"));
            lab.sql(DB, "INSERT INTO ir_attachment (name, res_model, res_id, company_id, type, public, store_fname,"
                    + " file_size, checksum, mimetype, create_uid, create_date, write_uid, write_date) VALUES ("
                    + "'corrupt.bin', 'res.partner', 7, 1, 'binary', false, '" + storeFname + "', " + good.length()
                    + ", '" + sha + "', 'application/octet-stream', 2, now() AT TIME ZONE 'UTC', 2,"
                    + " now() AT TIME ZONE 'UTC')");
        }, "the corrupt file named", rows -> !"OK".equals(rows.get(BACKLOG).get("status"))
                && String.valueOf(rows.get(BACKLOG).get("detail")).contains(storeFname), shown -> {
            assertThat(shown.get(BACKLOG)).containsEntry("status", "WARNING");
            assertThat(replica.filestoreDir(DB).resolve(storeFname)).as("never in the mirror under its name").doesNotExist();
            Replica.Run verify = replica.run("verify", "--deep");
            assertThat(verify.code()).as(verify.all()).isEqualTo(odoodr.ExitCode.VERIFY.code());
            assertThat(verify.out()).contains(storeFname);
        }, () -> putOnProd(lab, storeFname, good)); // prod's file put right (from a backup, say)
        assertThat(sha1Hex(Files.readAllBytes(replica.filestoreDir(DB).resolve(storeFname)))).isEqualTo(sha);
    }

    /**
     * The mirror's file system full (its tmpfs filled by another writer): filestore_disk_free CRITICAL, the passes
     * fail, no file lands truncated under its name; once the space is free again the agent catches up by itself.
     */
    @Test
    @Order(5)
    void theMirrorsFileSystemFills(ProdLab lab) throws Exception {
        Path filler = mirrorMount.resolve("filler");
        underWrites(lab, () -> new ProcessRunner().runAllowingFailure(Command.of("dd", "if=/dev/zero", "of=" + filler,
                        "bs=1M").timeout(Duration.ofSeconds(60)).build()), // ends with ENOSPC, as meant
                "the mirror's disk full and a pass failed", is("filestore_disk_free", "CRITICAL").and(rows ->
                        String.valueOf(rows.get(SYNC_AGE).get("detail")).contains("the last pass failed")),
                shown -> assertThat(wronglyNamedFiles()).as("files whose bytes are not their sha1 name").isEmpty(),
                () -> Files.deleteIfExists(filler));
        assertThat(wronglyNamedFiles()).as("files whose bytes are not their sha1 name").isEmpty();
    }

    /**
     * prod capped at a small max_slot_wal_keep_size; the link cut while prod writes past it and restarts: the slot
     * is lost, status says so (CRITICAL, with the exact command), and `setup --only database --reseed` brings the
     * standby back with everything prod has.
     */
    @Test
    @Order(6)
    void theSlotLostWhileTheLinkIsDownAndTheReseedThatBringsItBack(ProdLab lab) throws Exception {
        underWrites(lab, () -> loseTheSlot(lab), "the slot lost", is("slot_safe_wal_size", "CRITICAL").and(rows ->
                String.valueOf(rows.get("slot_safe_wal_size").get("detail")).contains("wal_status lost")), shown -> {
            assertThat(shown.get("slot_safe_wal_size")).containsEntry("hint",
                    "take a fresh base backup: odoo-dr setup --only database --reseed");
            assertThat(shown.get("slot_retained").get("detail")).asString().endsWith(" is lost: prod keeps no WAL for it");
        }, () -> {
            lab.sql("ALTER SYSTEM RESET max_slot_wal_keep_size");
            lab.sql("SELECT pg_reload_conf()");
            Replica.Run reseed = stateChanging("setup", "--only", "database", "--reseed");
            assertThat(reseed.code()).as(reseed.all()).isZero();
        });
    }

    private void loseTheSlot(ProdLab lab) {
        lab.sql("ALTER SYSTEM SET max_slot_wal_keep_size = '64MB'");
        lab.sql("SELECT pg_reload_conf()");
        lab.cut();
        try {
            awaitStatus("the tunnel down", is("tunnel_up", "CRITICAL"));
            String slot = "SELECT wal_status FROM pg_replication_slots WHERE slot_name = '" + replica.slotName() + "'";
            String walStatus = Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
                lab.sql("CREATE TABLE IF NOT EXISTS fault_wal (x int); INSERT INTO fault_wal VALUES (1);"
                        + " SELECT pg_switch_wal(); CHECKPOINT;");
                return lab.sql(slot);
            }, "lost"::equals);
            assertThat(walStatus).as("the slot's wal_status on prod").isEqualTo("lost");
            lab.stopPostgres(); // prod restarted while the link is down: the slot stays lost
            lab.startPostgres();
        } finally {
            lab.heal();
        }
    }

    /**
     * Prod's sshd restarted with a new host key while the agent streams: the tunnel (and the filestore's and the
     * monitor's ssh) refuse it, never log in, and status says why; with the pinned key back, all resume by itself.
     */
    @Test
    @Order(7)
    void prodsHostKeyChangedWhileStreaming(ProdLab lab) throws Exception {
        String key = sshdDir(lab) + "/ssh_host_ed25519_key";
        int[] logins = new int[1];
        underWrites(lab, () -> {
            lab.exec("sh", "-c", "mv \"$1\" \"$1.pinned\" && mv \"$1.pub\" \"$1.pinned.pub\""
                    + " && ssh-keygen -q -t ed25519 -N '' -f \"$1\"", "sh", key).requireOk();
            stopSshd(lab);
            logins[0] = acceptedLogins(lab);
            startSshd(lab);
        }, "the tunnel refusing prod's new host key", is("tunnel_up", "CRITICAL").and(rows ->
                String.valueOf(rows.get("tunnel_up").get("detail")).contains("Host key verification failed")), shown ->
                assertThat(acceptedLogins(lab)).as("no ssh of this replica logged in to the impostor").isEqualTo(logins[0]),
                () -> {
                    stopSshd(lab);
                    lab.exec("sh", "-c", "test ! -e \"$1.pinned\" || { mv \"$1.pinned\" \"$1\" && mv \"$1.pinned.pub\""
                            + " \"$1.pub\"; }", "sh", key).requireOk();
                    startSshd(lab);
                });
    }

    /** What a fault test does, and what it inspects while status shows the fault. */
    interface Step {
        void run() throws Exception;
    }

    interface Inspection {
        void check(Map<String, Map<String, Object>> shown) throws Exception;
    }

    /**
     * One fault under Odoo-style writes on prod: injected; status shows it within {@link #NOTICE} (then
     * {@code whileShown} looks closer); repaired (also when a check failed: the next test needs a whole lab); every
     * status row OK again within {@link #NOTICE}; nothing lost.
     */
    private void underWrites(ProdLab lab, Step inject, String what, Predicate<Map<String, Map<String, Object>>> shownBy,
                             Inspection whileShown, Step repair) throws Exception {
        try (LabWriter writer = lab.startWriter(DB, 1.0, 5)) {
            try {
                inject.run();
                Map<String, Map<String, Object>> shown = awaitStatus(what, shownBy);
                System.out.println("MEASURED faults: " + what + ": " + describe(shown).lines()
                        .filter(l -> !l.startsWith("OK ")).toList());
                whileShown.check(shown);
            } finally {
                repair.run();
            }
            awaitStatus("every row OK again after the repair (" + what + ")", FaultsLabTest::allOk);
            assertNothingLost(lab, writer);
        }
    }

    private static String sshdDir(ProdLab lab) {
        return lab.stateDir() + "/private/sshd";
    }

    /** Stops prod's sshd and every session it serves (a crash, or a restart that kills its control group); if it runs. */
    private static void stopSshd(ProdLab lab) {
        lab.exec("sh", "-c", "p=$(cat \"$1/sshd.pid\") && { kill -0 $p 2>/dev/null || exit 0; } && kill $p $(ps -o pid= --ppid $p)"
                + " && while kill -0 $p 2>/dev/null; do sleep 0.1; done", "sh", sshdDir(lab)).requireOk();
    }

    private static void startSshd(ProdLab lab) {
        lab.exec("/usr/sbin/sshd", "-f", sshdDir(lab) + "/sshd_config", "-E", lab.env().get("LAB_SSHD_LOG")).requireOk();
    }

    /** Logins prod's sshd has accepted so far (its log, LogLevel VERBOSE). */
    private static int acceptedLogins(ProdLab lab) {
        return (int) lab.exec("cat", lab.env().get("LAB_SSHD_LOG")).requireOk().stdout().lines()
                .filter(l -> l.contains("Accepted publickey")).count();
    }

    private static final String BACKLOG = "filestore_backlog/" + DB;
    private static final String SYNC_AGE = "filestore_sync_age/" + DB;

    /** Writes {@code content} as prod's file {@code storeFname}, owned by Odoo's uid, renamed into place. */
    private static void putOnProd(ProdLab lab, String storeFname, String content) {
        String dir = lab.filestorePath() + "/" + DB + "/" + storeFname.substring(0, 2);
        // as root (prod's /var/lib/docker is 0710), the file then given to Odoo's uid as Odoo's own would be
        lab.execWithInput(content, Duration.ofSeconds(30), "sh", "-c", "install -d -o \"$3\" -g \"$3\" \"$1\""
                        + " && cat > \"$1/.fault.tmp\" && chown \"$3:$3\" \"$1/.fault.tmp\" && mv \"$1/.fault.tmp\" \"$2\"",
                "sh", dir, lab.filestorePath() + "/" + DB + "/" + storeFname, Integer.toString(lab.fileUid())).requireOk();
    }

    /** Files in the mirror named after a sha1 whose bytes have another one (rsync's partial-dir not counted). */
    private List<String> wronglyNamedFiles() throws Exception {
        Path root = replica.filestoreDir(DB);
        List<String> wrong = new java.util.ArrayList<>();
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                boolean checklist = root.relativize(p).startsWith("checklist");
                if (!checklist && name.matches("[0-9a-f]{40}") && !p.toString().contains("/.rsync-partial/")
                        && !sha1Hex(Files.readAllBytes(p)).equals(name)) {
                    wrong.add(root.relativize(p).toString());
                }
            }
        }
        return wrong;
    }

    private static String sha1Hex(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bytes));
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
        long start = System.nanoTime();
        Map<String, Map<String, Object>> last = Poll.lastOf(NOTICE, Duration.ofSeconds(1), this::statusRows, until);
        System.out.printf("MEASURED faults: status showed %s after %.1f s%n", what, (System.nanoTime() - start) / 1e9);
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
        String onStandby = Poll.lastOf(CATCH_UP, Duration.ofMillis(500), () -> requiredStandbyValue(lab, ordered), onProd::equals);
        assertThat(onStandby).as("ordered checksum of ir_attachment up to id %s, standby vs prod", maxId).isEqualTo(onProd);
        Replica.Run verify = Poll.lastOf(CATCH_UP, Duration.ofSeconds(2), () -> replica.run("verify", "--deep"),
                v -> v.code() == 0);
        assertThat(verify.code()).as(verify.all()).isZero();
    }

    private String requiredStandbyValue(ProdLab lab, String sql) {
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
