package odoodr.e2e;

import odoodr.ExitCode;
import odoodr.archive.ArchiveInventory;
import odoodr.archive.ArchiveLayout;
import odoodr.archive.ArchiveLock;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.health.DrillStateFile;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.PrimarySession;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static odoodr.postgres.ConnectionProfile.LOCAL_STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DR drill end to end on the real archive (setup with archive.enabled, the agent's first base backup): a drill
 * passes with its phase times while prod writes and the standby streams, and leaves no cluster, port or directory;
 * a kept copy is neutralized (no mail server that can send, no active cron or fetchmail, the marker) while the
 * standby and prod keep theirs; a failing drill.check_command and a file missing from the mirror fail it with their
 * output and name; status shows the last drill.
 */
class DrillLabTest extends ReplicaLabTest {
    private static final Pattern PORT = Pattern.compile("\"port\": (\\d+)");
    private static final Pattern COPY = Pattern.compile("\"copy\": \"(drill_[0-9_]+)\"");
    private static final String NEUTRAL_STATE = "SELECT (SELECT count(*) FROM ir_mail_server WHERE active) || '/'"
            + " || (SELECT count(*) FROM ir_cron WHERE active) || '/' || (SELECT count(*) FROM fetchmail_server WHERE"
            + " active) || '/' || coalesce((SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'), '-')";
    private String baseConfig;
    private ArchiveLayout layout;

    @Override
    protected void prepare(ProdLab lab, Replica replica) throws Exception {
        replica.withOwnFilestore();
        Files.writeString(replica.configFile(), Files.readString(replica.configFile()) + "archive:\n  enabled: true\n");
        baseConfig = Files.readString(replica.configFile());
        layout = ArchiveLayout.of(replica.config());
        lab.write("odoo", 20);
        Replica.Run setup = run("setup");
        assertThat(setup.code()).as(setup.all()).isZero();
        awaitStandby(lab, "SELECT status FROM pg_stat_wal_receiver", "streaming");
        Poll.within(Duration.ofMinutes(3), Duration.ofSeconds(1)).alias("the agent's first base backup")
                .until(() -> ArchiveInventory.read(layout).newest(), java.util.Optional::isPresent);
        assertThat(standbyValue(lab, NEUTRAL_STATE)).as("the lab's prod as Odoo has it").isEqualTo("2/3/1/-");
    }

    @Test
    @Order(1)
    void aDrillPassesWithPhaseTimesLeavesNothingBehindAndTheStandbyStreamsThroughout(ProdLab lab) throws Exception {
        lab.sql("CREATE TABLE during_drill (id serial primary key, at timestamptz default now())");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                lab.sql("INSERT INTO during_drill DEFAULT VALUES");
                written.incrementAndGet();
            }
        });
        writer.start();
        Replica.Run r;
        try {
            r = run("drill", "--output", "json");
        } finally {
            writing.set(false);
            writer.join();
        }
        System.out.println("DrillLabTest: drill on the lab:\n" + r.out());
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("{").contains("\"result\": \"passed\"").contains("\"failure\": null")
                .containsPattern("\"copy\": [0-9.]+,").containsPattern("\"recovery\": [0-9.]+,")
                .containsPattern("\"neutralize\": [0-9.]+,").containsPattern("\"verify\": [0-9.]+,")
                .containsPattern("\"check\": [0-9.]+,").containsPattern("\"total\": [0-9.]+")
                .contains("database.uuid").contains("have their file in the mirror").contains("\"kept\": false");
        assertThat(r.err()).as("stdout carries the JSON only; progress goes to stderr").contains("drill: neutralizing odoo");
        int port = Integer.parseInt(group(PORT, r.out()));
        String copy = group(COPY, r.out());
        DebianCluster cluster = new DebianCluster(new ProcessRunner(), 15, "odoodr_restore_" + copy);
        assertThat(drillClusters()).isEmpty();
        assertThat(cluster.configDirectory()).doesNotExist();
        assertThat(cluster.dataDirectory()).doesNotExist();
        assertThat(cluster.logFile()).doesNotExist();
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)); // the copy's port is free again
        }
        assertThat(written.get()).as("prod took writes during the drill").isPositive();
        String onProd = lab.sql("SELECT count(*) FROM during_drill");
        assertThat(awaitStandby(lab, "SELECT count(*) FROM during_drill", onProd)).as("what prod wrote during the"
                + " drill arrived on the standby").isEqualTo(onProd);
        assertThat(standbyValue(lab, "SELECT pg_is_in_recovery()")).isEqualTo("t");
        assertUntouched(lab);
    }

    @Test
    @Order(2)
    void aKeptCopyIsNeutralizedKeepsTheStandbysIdentityAndRestoreDropRemovesIt(ProdLab lab) {
        Replica.Run r = run("drill", "--keep");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("drill: PASSED").contains("ir_mail_server: every outgoing mail server inactive")
                .contains("ir_cron: every cron inactive (autovacuum too)")
                .contains("fetchmail_server: every incoming mail server inactive")
                .contains("database.is_neutralized = true").contains("kept (--keep)");
        Matcher m = Pattern.compile("copy (drill_[0-9_]+) on 127\\.0\\.0\\.1:(\\d+)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        String copy = m.group(1);
        int port = Integer.parseInt(m.group(2));
        try (PrimarySession s = session(lab, port)) {
            assertThat(s.requireValue("SELECT count(*) FROM ir_mail_server WHERE active AND smtp_host <> 'invalid'"))
                    .as("no active mail server that can send").isEqualTo("0");
            assertThat(s.requireValue("SELECT string_agg(smtp_host, ',') FROM ir_mail_server WHERE active"))
                    .as("only the dummy, so Odoo cannot fall back to its --smtp-server").isEqualTo("invalid");
            assertThat(s.requireValue("SELECT count(*) FROM ir_cron WHERE active")).isEqualTo("0");
            assertThat(s.requireValue("SELECT count(*) FROM fetchmail_server WHERE active")).isEqualTo("0");
            assertThat(s.requireValue("SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'"))
                    .isEqualTo("true");
            for (String key : List.of("database.uuid", "database.secret")) {
                String sql = "SELECT value FROM ir_config_parameter WHERE key = '" + key + "'";
                assertThat(s.requireValue(sql)).as(key).isEqualTo(standbyValue(lab, sql)).isEqualTo(lab.sql(sql));
            }
            assertThat(s.setting("listen_addresses")).isEqualTo("localhost");
        }
        assertUntouched(lab);
        assertThat(drillClusters()).containsExactly("odoodr_restore_" + copy);
        Replica.Run drop = run("restore", "--drop", copy);
        assertThat(drop.code()).as(drop.all()).isZero();
        assertThat(drillClusters()).isEmpty();
    }

    @Test
    @Order(3)
    void aFailingCheckCommandFailsTheDrillWithItsOutputAndSeesNoSecret(ProdLab lab) throws Exception {
        writeDrillSection("  check_command: 'echo \"checking $ODOO_DR_DRILL_HOST:$ODOO_DR_DRILL_PORT/$ODOO_DR_DRILL_DATABASE\";"
                + " env | sort; echo boom-from-the-check >&2; exit 3'\n");
        Replica.Run r = run("drill");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.DRILL.code()).isEqualTo(21);
        assertThat(r.out()).startsWith("drill: FAILED").contains("failed in check: drill.check_command failed (exit 3)")
                .contains("| boom-from-the-check").containsPattern("\\| checking 127\\.0\\.0\\.1:\\d+/odoo")
                .contains("| ODOO_DR_DRILL_DATABASE=odoo").contains("| PATH=/usr/local/sbin:")
                .contains("removed: the copy's cluster");
        List<String> variables = r.out().lines().filter(l -> l.matches("    \\| [A-Za-z_][A-Za-z0-9_]*=.*"))
                .map(l -> l.substring(6, l.indexOf('='))).toList();
        assertThat(variables).as("the check's whole environment").isNotEmpty()
                .allMatch(v -> v.equals("PATH") || v.startsWith("ODOO_DR_DRILL_") || v.equals("PWD") || v.equals("SHLVL")
                        || v.equals("_"));
        assertThat(r.out()).doesNotContain(lab.superuserPassword());
        assertThat(drillClusters()).isEmpty();
    }

    @Test
    @Order(4)
    void aFileMissingFromTheMirrorFailsTheDrillWithItsName(ProdLab lab) throws Exception {
        Files.writeString(replica.configFile(), baseConfig);
        String fname = standbyValue(lab, "SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL"
                + " AND res_field IS NULL AND url IS NULL ORDER BY id DESC LIMIT 1");
        Path file = replica.filestoreDir("odoo").resolve(fname);
        Path aside = dir.resolve("aside");
        assertThat(file).exists();
        Files.move(file, aside);
        try {
            Replica.Run r = run("drill");
            assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.DRILL.code());
            assertThat(r.out()).startsWith("drill: FAILED").contains("failed in verify").contains("missing " + fname);
            assertThat(drillClusters()).isEmpty();
        } finally {
            Files.move(aside, file);
        }
    }

    @Test
    @Order(5)
    void statusShowsTheLastDrill(ProdLab lab) {
        Replica.Run json = replica.run("status", "--output", "json");
        assertThat(json.out()).contains("\"id\": \"drill_last_success\"").contains("\"id\": \"drill_total\"");
        Replica.Run text = replica.run("status");
        assertThat(text.out().lines().filter(l -> l.contains("last successful DR drill")).findFirst()).as(text.out())
                .get().asString().startsWith("WARNING").contains("FAILED").contains("missing");
        Replica.Run metrics = replica.run("status", "--output", "prometheus");
        assertThat(metrics.out()).containsPattern("odoo_dr_drill_total_seconds [0-9.]+")
                .containsPattern("odoo_dr_drill_recovery_seconds [0-9.]+")
                .containsPattern("odoo_dr_drill_last_success_seconds [0-9.]+");
    }

    @Override
    @AfterAll
    void removeReplica() throws Exception {
        for (String cluster : drillClusters()) {
            new DebianCluster(new ProcessRunner(), 15, cluster).drop();
        }
        Path lock = replica == null ? null : ArchiveLock.file(replica.config());
        Path state = replica == null ? null : DrillStateFile.path(replica.config());
        super.removeReplica();
        if (layout != null) {
            odoodr.host.DirectoryTree.delete(layout.root());
            Files.deleteIfExists(lock);
            Files.deleteIfExists(state);
        }
    }

    private void writeDrillSection(String body) throws Exception {
        Files.writeString(replica.configFile(), baseConfig + "drill:\n" + body);
    }

    /** Nothing of the drill reached the standby or prod: their mail servers, crons and mailbox as they were. */
    private void assertUntouched(ProdLab lab) {
        assertThat(lab.sql(NEUTRAL_STATE)).as("prod").isEqualTo("2/3/1/-");
        assertThat(awaitStandby(lab, NEUTRAL_STATE, "2/3/1/-")).as("the standby").isEqualTo("2/3/1/-");
    }

    /** The drill copies of this host (a drill holds the host's state lock, so no other run's drill is mid-way). */
    private static List<String> drillClusters() {
        return DebianCluster.all(new ProcessRunner()).stream().map(DebianCluster::name)
                .filter(n -> n.startsWith("odoodr_restore_drill_")).toList();
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(p + " in " + text).isTrue();
        return m.group(1);
    }

    private Replica.Run run(String... args) {
        return Poll.lastOf(Duration.ofMinutes(5), Duration.ofSeconds(2), () -> replica.run(args), r -> !heldByAnother(r));
    }
}
