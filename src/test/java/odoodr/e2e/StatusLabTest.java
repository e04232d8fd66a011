package odoodr.e2e;

import odoodr.config.ConfigLoader;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.postgres.ReplicationCredentials;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `odoo-dr status` against a real standby of the lab's prod, in every output form: healthy (the filestore rows
 * UNKNOWN until the filestore sync exists), the link silently cut (tunnel and streaming CRITICAL, Nagios 2), healed
 * (OK again), a minute of idle prod (replay lag stays near 0), and no password in any output.
 */
class StatusLabTest extends ReplicaLabTest {
    /** The rows of the filestore sync, UNKNOWN until it has run. */
    private static final Set<String> FILESTORE_ROWS = Set.of("filestore_sync_age", "filestore_backlog",
            "filestore_missing_on_prod");
    private static final Set<String> STREAMING_ROWS = Set.of("tunnel_up", "wal_receiver_streaming", "prod_streaming");
    private final List<Replica.Run> runs = new ArrayList<>();

    private Replica.Run status(String... output) {
        List<String> args = new ArrayList<>(List.of("status"));
        args.addAll(List.of(output));
        Replica.Run r = replica.run(args.toArray(String[]::new));
        runs.add(r);
        return r;
    }

    /** The JSON report: check key (id or id/database) → status, plus "" → overall. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> json() {
        Replica.Run r = status("--output", "json");
        assertThat(r.code()).as(r.all()).isZero();
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(r.out());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> rows(Map<String, Object> report) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Object o : (List<Object>) report.get("checks")) {
            Map<String, Object> c = (Map<String, Object>) o;
            rows.put(c.get("database") == null ? (String) c.get("id") : c.get("id") + "/" + c.get("database"), c);
        }
        return rows;
    }

    private static Map<String, String> statuses(Map<String, Object> report) {
        Map<String, String> s = new LinkedHashMap<>();
        rows(report).forEach((k, v) -> s.put(k, (String) v.get("status")));
        return s;
    }

    /** Everything but the filestore rows is OK. */
    private static boolean databaseSideHealthy(Map<String, Object> report) {
        return rows(report).values().stream().filter(c -> !FILESTORE_ROWS.contains((String) c.get("id")))
                .allMatch(c -> "OK".equals(c.get("status")));
    }

    private Map<String, Object> pollJson(Duration timeout, java.util.function.Predicate<Map<String, Object>> until) {
        return Poll.lastOf(timeout, Duration.ofSeconds(1), this::json, until);
    }

    /** The text table's rows: check label → {status, value, detail}, whatever the column widths. */
    private static Map<String, List<String>> textRows(String out) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        out.lines().filter(l -> l.matches("(OK|WARNING|CRITICAL|UNKNOWN) .*")).forEach(l -> {
            String[] cells = l.split(" {2,}", 4);
            rows.put(cells[1], List.of(cells[0], cells[2], cells.length > 3 ? cells[3] : ""));
        });
        return rows;
    }

    @Test
    @Order(1)
    void setupGivesAStreamingStandby() throws Exception {
        Replica.Run r = replica.run("setup", "--only", "database");
        assertThat(r.code()).as(r.all()).isZero();
        Map<String, Object> report = pollJson(Duration.ofSeconds(60), StatusLabTest::databaseSideHealthy);
        assertThat(statuses(report)).as("status right after setup").allSatisfy((k, v) -> {
            if (!FILESTORE_ROWS.contains(k.replaceAll("/.*", ""))) {
                assertThat(v).as(k).isEqualTo("OK");
            }
        });
    }

    @Test
    @Order(2)
    void healthyInEveryOutputFormTheFilestoreRowsUnknownUntilTheSyncExists(ProdLab lab) throws Exception {
        String db = lab.databases().get(0);
        assertNoFilestoreState(db);

        Replica.Run text = status();
        assertThat(text.code()).as(text.all()).isZero();
        assertThat(text.out()).startsWith("odoo-dr status of " + replica.name() + " at ")
                .doesNotContain("CRITICAL", "WARNING", "\u001b[");
        assertThat(text.out().lines().findFirst()).get().asString().endsWith(": UNKNOWN");
        assertThat(text.out().lines()).anyMatch(l -> l.matches("STATUS +CHECK +VALUE +DETAIL"));
        Map<String, List<String>> rows = textRows(text.out());
        for (String label : List.of("tunnel to prod's PostgreSQL", "standby running, in recovery", "WAL receiver (standby)",
                "prod sees this standby streaming", "replication slot active (prod)", "WAL kept on prod for the slot",
                "replay lag")) {
            assertThat(rows.get(label)).as(label + " in\n" + text.out()).isNotNull().first().isEqualTo("OK");
        }
        assertThat(rows.get("WAL receiver (standby)").get(2)).contains("streaming from /run/odoo-dr/tunnel-" + replica.tunnelPort());
        assertThat(rows.get("prod sees this standby streaming").get(2)).contains("state streaming, async (" + replica.name() + "_replica)");
        assertThat(rows.get("replication slot active (prod)").get(2)).contains("slot " + replica.slotName() + " in use");
        assertThat(rows.get("filestore " + db + ": last successful sync")).as(text.out())
                .containsExactly("UNKNOWN", "-", "filestore sync has not run");
        // the lab's prod keeps max_slot_wal_keep_size at its default -1: OK, with the advice to cap it
        assertThat(text.out()).contains("max_slot_wal_keep_size = -1", "ALTER SYSTEM SET max_slot_wal_keep_size");

        Map<String, Object> report = json();
        assertThat(report).containsEntry("schema", 1).containsEntry("replica", replica.name())
                .containsEntry("status", "UNKNOWN").containsEntry("status_code", 3);
        Map<String, String> statuses = statuses(report);
        assertThat(statuses).containsKeys("tunnel_up", "standby_in_recovery", "wal_receiver_streaming", "replay_lag",
                "replay_pending", "prod_streaming", "prod_replay_behind", "slot_active", "slot_retained",
                "slot_safe_wal_size", "prod_disk_free", "standby_disk_free", "filestore_disk_free");
        statuses.forEach((key, s) -> {
            boolean filestoreRow = FILESTORE_ROWS.contains(key.replaceAll("/.*", ""));
            assertThat(s).as(key).isEqualTo(filestoreRow ? "UNKNOWN" : "OK");
        });
        assertThat(statuses).containsEntry("filestore_sync_age/" + db, "UNKNOWN")
                .containsEntry("filestore_backlog/" + db, "UNKNOWN").containsEntry("filestore_missing_on_prod/" + db, "UNKNOWN");
        assertThat(rows(report).get("filestore_sync_age/" + db)).containsEntry("detail", "filestore sync has not run");
        assertThat(rows(report).get("tunnel_up")).containsEntry("value", 1).containsEntry("unit", "boolean");
        assertThat(rows(report).get("slot_retained")).containsEntry("unit", "bytes");
        // prod's free disk through the monitor key (df only): the replication role cannot see it
        assertThat(rows(report).get("prod_disk_free")).containsEntry("unit", "ratio");
        assertThat(rows(report).get("prod_disk_free").get("detail")).asString()
                .contains(" bytes (", "on prod's file system of /var/lib/docker");

        Replica.Run nagios = status("--output", "nagios");
        assertThat(nagios.code()).as("UNKNOWN: the filestore sync has not run").isEqualTo(3);
        assertThat(nagios.out()).hasLineCount(1)
                .startsWith("ODOO-DR UNKNOWN - " + replica.name() + ": filestore " + db
                        + ": last successful sync: filestore sync has not run; ")
                .contains(" | tunnel_up=1;;;0;1 standby_in_recovery=1;;;0;1 wal_receiver_streaming=1;;;0;1 replay_lag=")
                .contains(" slot_active=1;;;0;1 slot_retained=", " filestore_sync_age/" + db + "=U")
                .doesNotContain("(also");

        Replica.Run prometheus = status("--output", "prometheus");
        assertThat(prometheus.code()).isZero();
        assertThat(prometheus.out()).contains("# TYPE odoo_dr_status gauge\nodoo_dr_status 3\n",
                "odoo_dr_check_status{check=\"tunnel_up\"} 0\n", "odoo_dr_tunnel_up 1\n",
                "odoo_dr_wal_receiver_streaming 1\n", "odoo_dr_prod_streaming 1\n", "odoo_dr_slot_active 1\n",
                "# TYPE odoo_dr_replay_lag_seconds gauge\n", "# TYPE odoo_dr_slot_retained_bytes gauge\n",
                "# TYPE odoo_dr_prod_replay_behind_bytes gauge\n", "# TYPE odoo_dr_standby_disk_free_ratio gauge\n",
                "# TYPE odoo_dr_prod_disk_free_ratio gauge\n",
                "odoo_dr_check_status{check=\"filestore_sync_age\",database=\"" + db + "\"} 3\n",
                "odoo_dr_info{replica=\"" + replica.name() + "\"} 1\n")
                .doesNotContain("odoo_dr_filestore_sync_age_seconds");
    }

    @Test
    @Order(3)
    void aSilentlyCutLinkGoesCriticalAndHealsBackToOk(ProdLab lab) throws Exception {
        long cutAt = System.nanoTime();
        lab.cut();
        Replica.Run nagios;
        Map<String, String> during;
        try {
            // polled back to back (each run takes a moment): the figure is the time to the first CRITICAL run
            nagios = Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(100), () -> status("--output", "nagios"),
                    n -> n.code() == 2);
            System.out.printf("MEASURED status: Nagios CRITICAL %.1f s after the cut%n", (System.nanoTime() - cutAt) / 1e9);
            assertThat(nagios.code()).as(nagios.all()).isEqualTo(2);
            assertThat(nagios.out()).startsWith("ODOO-DR CRITICAL - " + replica.name() + ": ");
            Map<String, Object> report = pollJson(Duration.ofSeconds(60), r -> STREAMING_ROWS.stream()
                    .allMatch(id -> "CRITICAL".equals(statuses(r).get(id))));
            during = statuses(report);
            System.out.println("MEASURED status during the cut: " + during);
            assertThat(report).containsEntry("status", "CRITICAL");
            for (String id : STREAMING_ROWS) {
                assertThat(during).as(id).containsEntry(id, "CRITICAL");
            }
            assertThat(during).as("the standby itself keeps running").containsEntry("standby_in_recovery", "OK");
            assertThat(rows(report).get("prod_streaming").get("detail")).asString().startsWith("cannot ask prod: ");
            // the monitor key's ssh cannot reach prod either: not measured, said so, within its short connect timeout
            assertThat(during).containsEntry("prod_disk_free", "UNKNOWN");
            assertThat(rows(report).get("prod_disk_free").get("detail")).asString().startsWith("prod unreachable: ");
            Replica.Run text = status();
            assertThat(text.code()).as("text exits 0 whenever the report was produced").isZero();
            Map<String, List<String>> textRows = textRows(text.out());
            assertThat(textRows.get("tunnel to prod's PostgreSQL")).as(text.out()).isNotNull().first().isEqualTo("CRITICAL");
            assertThat(textRows.get("WAL receiver (standby)")).as(text.out()).isNotNull().first().isEqualTo("CRITICAL");
            Replica.Run prometheus = status("--output", "prometheus");
            assertThat(prometheus.code()).isZero();
            assertThat(prometheus.out()).contains("odoo_dr_status 2\n", "odoo_dr_tunnel_up 0\n",
                    "odoo_dr_check_status{check=\"prod_streaming\"} 2\n");
        } finally {
            lab.heal();
        }
        long healedAt = System.nanoTime();
        Map<String, Object> after = pollJson(Duration.ofSeconds(90), StatusLabTest::databaseSideHealthy);
        System.out.printf("MEASURED status: every database row OK again %.1f s after heal%n", (System.nanoTime() - healedAt) / 1e9);
        assertThat(databaseSideHealthy(after)).as("after heal: %s", statuses(after)).isTrue();
        assertNoFilestoreState(lab.databases().get(0));
        Replica.Run nagiosAfter = status("--output", "nagios");
        assertThat(nagiosAfter.code()).as("only the filestore rows are left: UNKNOWN").isEqualTo(3);
    }

    @Test
    @Order(4)
    void whileProdIsIdleForAMinuteReplayLagStaysNearZero() throws Exception {
        List<Double> lags = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            Map<String, Object> replayLag = rows(json()).get("replay_lag");
            assertThat(replayLag.get("status")).as("replay_lag %s", replayLag).isEqualTo("OK");
            lags.add(((Number) replayLag.get("value")).doubleValue());
            Thread.sleep(8000); // sampling a quiet minute, not waiting for anything
        }
        System.out.println("MEASURED replay lag over an idle minute (s): " + lags);
        assertThat(lags).hasSizeGreaterThanOrEqualTo(6).allSatisfy(l -> assertThat(l).isLessThanOrEqualTo(3.0));
    }

    @Test
    @Order(5)
    void noPasswordInAnyOutput(ProdLab lab) throws Exception {
        Replica.Run verbose = replica.run("-v", "status", "--output", "json");
        runs.add(verbose);
        String replication = ReplicationCredentials.find(new ConfigLoader().read(replica.configFile())).orElseThrow().reveal();
        String superuser = lab.superuserPassword();
        assertThat(runs).hasSizeGreaterThan(10);
        for (Replica.Run r : runs) {
            assertThat(r.all()).doesNotContain(replication).doesNotContain(superuser);
        }
        // status runs as the replication role only: prod's log shows no superuser connection from it
        String prodLog = lab.exec("sh", "-c", "cat \"$0\"", lab.env().get("LAB_PG_LOG")).stdout();
        assertThat(prodLog).contains("application_name=odoo-dr status").doesNotContain(replication);
        assertThat(prodLog.lines().filter(l -> l.contains("application_name=odoo-dr status")))
                .allSatisfy(l -> assertThat(l).contains("user=replicator"));
    }

    /** The filestore sync never ran for this replica: its state file (per replica) does not exist. */
    private void assertNoFilestoreState(String db) {
        assertThat(odoodr.health.FilestoreSyncStateFile.path(odoodr.health.FilestoreSyncStateFile.directory(replica.config()), db))
                .doesNotExist();
    }

}
