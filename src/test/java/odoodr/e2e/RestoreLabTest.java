package odoodr.e2e;

import odoodr.ExitCode;
import odoodr.archive.ArchiveInventory;
import odoodr.archive.ArchiveLayout;
import odoodr.archive.ArchiveLock;
import odoodr.archive.BackupRecord;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.PrimarySession;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static odoodr.postgres.ConnectionProfile.LOCAL_STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point-in-time restore end to end: a "bad DELETE" on prod, then `restore --at` the time before it brings a writable
 * copy with the rows while the standby has them deleted and keeps streaming; `verify --cluster` on the copy;
 * `restore --list`; the refusals (future, before the window, a name twice, a port in use, a missing segment in the
 * middle); `restore --drop`. The archive is the real one: setup with archive.enabled, the first base backup the agent takes.
 */
class RestoreLabTest extends ReplicaLabTest {
    private static final int PRECIOUS_ROWS = 250;
    private Path config;
    private ArchiveLayout layout;
    private BackupRecord backup;
    private String beforeDelete;
    private String name;
    private int copyPort;

    @Override
    protected void prepare(ProdLab lab, Replica replica) throws Exception {
        replica.withOwnFilestore();
        name = "t" + lab.id() + "_bad";
        // the archive as a user turns it on: setup makes the standby archive, the agent it starts takes the first
        // base backup at once (there is none yet); the interval is long, so that one stays the only backup
        Files.writeString(replica.configFile(), Files.readString(replica.configFile()) + "archive:\n  enabled: true\n");
        config = replica.configFile();
        layout = ArchiveLayout.of(replica.config());
        lab.write("odoo", 20);
        Replica.Run setup = Poll.lastOf(Duration.ofMinutes(5), Duration.ofSeconds(2), () -> replica.run("setup"),
                r -> !heldByAnother(r));
        assertThat(setup.code()).as(setup.all()).isZero();
        awaitStandby(lab, "SELECT status FROM pg_stat_wal_receiver", "streaming");
        backup = Poll.within(Duration.ofMinutes(3), Duration.ofSeconds(1)).alias("the agent's first base backup")
                .until(() -> ArchiveInventory.read(layout).newest(), java.util.Optional::isPresent).orElseThrow();
        assertThat(backup.systemIdentifier()).isEqualTo(standbyValue(lab, "SELECT system_identifier FROM pg_control_system()"));
    }

    @Test
    @Order(1)
    void aTimeBeforeTheWindowIsRefusedWithTheWindow(ProdLab lab) {
        String before = LocalDateTime.ofInstant(backup.started().minusSeconds(3600), ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"));
        Replica.Run r = run("restore", "--at", before);
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.RESTORE.code()).isEqualTo(19);
        assertThat(r.err()).contains("is before the recovery window").contains(backup.finished().toString())
                .contains("the host's time zone " + ZoneId.systemDefault().getId());
        assertThat(restoreClusters()).isEmpty();
    }

    @Test
    @Order(2)
    void aBadDeleteOnProdReplicatesToTheStandby(ProdLab lab) {
        lab.sql("CREATE TABLE precious (id int primary key, note text)");
        lab.sql("INSERT INTO precious SELECT g, 'row ' || g FROM generate_series(1, " + PRECIOUS_ROWS + ") g");
        beforeDelete = now(lab);
        lab.sql("DELETE FROM precious");
        lab.write("odoo", 5); // attachments after the delete: the copy must not need their files either
        assertThat(awaitStandby(lab, "SELECT count(*) FROM precious", "0")).isEqualTo("0");
    }

    @Test
    @Order(3)
    void restoreAtTheNotedTimeBringsACopyWithTheRowsWhileTheStandbyKeepsStreaming(ProdLab lab) {
        Replica.Run r = run("restore", "--at", beforeDelete, "--name", name);
        assertThat(r.code()).as(r.all()).isZero();
        DebianCluster copy = new DebianCluster(new ProcessRunner(), 15, "odoodr_restore_" + name);
        copyPort = copy.status().orElseThrow().port();
        assertThat(r.out()).contains("restored: copy " + name).contains("15/odoodr_restore_" + name)
                .contains("the last commit at or before " + Instant.parse(beforeDelete))
                .contains("psql -h 127.0.0.1 -p " + copyPort + " -U " + lab.superuser())
                .contains("pg_dump -h 127.0.0.1 -p " + copyPort).contains("restore --drop " + name)
                .contains("last commit:").doesNotContain("recovery_target_lsn");
        assertThat(copyPort).isNotEqualTo(replica.standbyPort());
        try (PrimarySession s = session(lab, copyPort)) {
            assertThat(s.requireValue("SELECT count(*) FROM precious")).as("the rows, as before the DELETE")
                    .isEqualTo(Integer.toString(PRECIOUS_ROWS));
            assertThat(s.requireValue("SELECT pg_is_in_recovery()")).isEqualTo("f");
            s.execute("INSERT INTO precious VALUES (-1, 'the copy takes writes')");
            assertThat(s.setting("archive_mode")).isEqualTo("off");
            assertThat(s.setting("listen_addresses")).isEqualTo("localhost");
            assertThat(s.setting("primary_conninfo")).isEmpty();
        }
        Path data = copy.dataDirectory();
        assertThat(data.resolve("standby.signal")).doesNotExist();
        assertThat(data.resolve("recovery.signal")).doesNotExist();
        assertThat(standbyValue(lab, "SELECT count(*) FROM precious")).as("the standby has them deleted").isEqualTo("0");
        assertThat(standbyValue(lab, "SELECT pg_is_in_recovery()")).isEqualTo("t");
        lab.sql("INSERT INTO precious VALUES (1000, 'after the restore')");
        assertThat(awaitStandby(lab, "SELECT count(*) FROM precious", "1")).as("the standby keeps streaming").isEqualTo("1");
    }

    @Test
    @Order(4)
    void verifyOnTheCopyPasses(ProdLab lab) {
        Replica.Run r = run("verify", "--cluster", name);
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("restored copy " + name).contains("port " + copyPort).contains("verify: OK");
        Replica.Run byPort = run("verify", "--port", Integer.toString(copyPort));
        assertThat(byPort.code()).as(byPort.all()).isZero();
    }

    @Test
    @Order(5)
    void listShowsTheWindowTheBackupAndTheCopy(ProdLab lab) {
        Replica.Run r = run("restore", "--list");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("recovery window: " + backup.finished() + " … ")
                .contains(backup.label()).contains(name).contains("port " + copyPort).contains("running")
                .contains("the last commit at or before " + Instant.parse(beforeDelete));
        Replica.Run json = run("restore", "--list", "--output", "json");
        assertThat(json.code()).as(json.all()).isZero();
        assertThat(json.out()).startsWith("{").contains("\"oldest\": \"" + backup.finished() + "\"")
                .contains("\"name\": \"" + name + "\"").contains("\"port\": " + copyPort);
    }

    @Test
    @Order(6)
    void refusalsChangeNothing(ProdLab lab) {
        Replica.Run future = run("restore", "--at", Instant.now().plusSeconds(3600).toString());
        assertThat(future.code()).as(future.all()).isEqualTo(ExitCode.RESTORE.code());
        assertThat(future.err()).contains("is in the future").contains("the recovery window is " + backup.finished());
        Replica.Run twice = run("restore", "--at", beforeDelete, "--name", name);
        assertThat(twice.code()).as(twice.all()).isEqualTo(ExitCode.RESTORE.code());
        assertThat(twice.err()).contains("a copy named " + name + " exists already").contains("restore --drop " + name);
        Replica.Run port = run("restore", "--at", beforeDelete, "--name", name + "2", "--port",
                Integer.toString(replica.standbyPort()));
        assertThat(port.code()).as(port.all()).isEqualTo(ExitCode.RESTORE.code());
        assertThat(port.err()).contains("port " + replica.standbyPort() + " is in use");
        assertThat(restoreClusters()).containsExactly("odoodr_restore_" + name);
    }

    @Test
    @Order(7)
    void aTimeAfterTheLastReplayedCommitRestoresToTheStandbysReplayPosition(ProdLab lab) {
        lab.sql("INSERT INTO precious VALUES (5000, 'the newest commit')");
        awaitStandby(lab, "SELECT count(*) FROM precious WHERE id = 5000", "1");
        Replica.Run r = run("restore", "--at", Instant.now().toString(), "--name", name + "_now");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("the standby's replay position").contains("recovery_target_lsn instead of"
                + " recovery_target_time");
        int port = new DebianCluster(new ProcessRunner(), 15, "odoodr_restore_" + name + "_now").status().orElseThrow().port();
        try (PrimarySession s = session(lab, port)) {
            assertThat(s.requireValue("SELECT count(*) FROM precious WHERE id = 5000")).as("up to the newest commit")
                    .isEqualTo("1");
        }
        Replica.Run drop = run("restore", "--drop", name + "_now");
        assertThat(drop.code()).as(drop.all()).isZero();
    }

    @Test
    @Order(8)
    void aMissingSegmentInTheMiddleStopsTheRestoreWhereItCanGoAndSaysSo(ProdLab lab) throws Exception {
        lab.sql("SELECT pg_switch_wal()"); // the segment that goes missing is after the backup's, in the middle
        String gapStarts = now(lab);
        lab.sql("INSERT INTO precious VALUES (2000, 'in the segment that goes missing')");
        String missing = lab.sql("SELECT pg_walfile_name(pg_current_wal_lsn())");
        lab.sql("SELECT pg_switch_wal()");
        lab.sql("INSERT INTO precious VALUES (3000, 'after the gap')");
        lab.sql("SELECT pg_switch_wal()");
        String target = now(lab);
        lab.sql("INSERT INTO precious VALUES (4000, 'after the target')");
        lab.sql("CHECKPOINT");
        awaitStandby(lab, "SELECT count(*) FROM precious", "5");
        Path archived = layout.walDirectory().resolve(missing);
        Path standbyWal = replica.cluster().dataDirectory().resolve("pg_wal").resolve(missing);
        // the standby archives the segment, then a restartpoint (it needs a new checkpoint record from prod, and the
        // segment archived first) recycles its own copy
        Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(200), () -> Files.exists(archived), Boolean::booleanValue);
        Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
            lab.sql("CHECKPOINT");
            try (PrimarySession s = session(lab, replica.standbyPort())) {
                s.execute("CHECKPOINT"); // a restartpoint: removes the segments it no longer needs, once archived
            }
            return Files.exists(archived) && !Files.exists(standbyWal);
        }, Boolean::booleanValue);
        assertThat(archived).exists();
        assertThat(standbyWal).as("the standby's own copy is recycled").doesNotExist();
        Path aside = dir.resolve(missing);
        Files.move(archived, aside);
        try {
            Replica.Run r = run("restore", "--at", target, "--name", name + "_gap");
            assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.RESTORE_INCOMPLETE.code()).isEqualTo(20);
            assertThat(missing).as("in the middle: after the backup's segment")
                    .isGreaterThan(odoodr.restore.WalSegments.nameOf(backup.timeline(), backup.endLsn(), 16L << 20));
            assertThat(r.err()).contains("INCOMPLETE").contains("WAL segment " + missing + " is missing")
                    .contains("recovery got as far as the last commit at").contains("the copy was removed");
            assertThat(r.out()).doesNotContain("restored:");
            java.util.regex.Matcher reached = java.util.regex.Pattern.compile("got as far as the last commit at (\\S+) ").matcher(r.err());
            assertThat(reached.find()).as(r.err()).isTrue();
            assertThat(Instant.parse(reached.group(1))).as("it stopped before the gap, and says so")
                    .isBefore(Instant.parse(gapStarts)).isAfter(Instant.parse(beforeDelete));
            assertThat(restoreClusters()).containsExactly("odoodr_restore_" + name);
        } finally {
            Files.move(aside, archived);
        }
    }

    @Test
    @Order(9)
    void dropRemovesTheClusterItsPortAndDirectories(ProdLab lab) throws IOException {
        DebianCluster copy = new DebianCluster(new ProcessRunner(), 15, "odoodr_restore_" + name);
        Path data = copy.dataDirectory();
        Replica.Run r = run("restore", "--drop", name);
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("removed copy " + name);
        assertThat(restoreClusters()).isEmpty();
        assertThat(copy.configDirectory()).doesNotExist();
        assertThat(data).doesNotExist();
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), copyPort)); // the port is free again
        }
        Replica.Run again = run("restore", "--drop", name);
        assertThat(again.code()).as(again.all()).isEqualTo(ExitCode.RESTORE.code());
        assertThat(again.err()).contains("no restored copy named " + name);
        assertThat(standbyValue(lab, "SELECT pg_is_in_recovery()")).as("the standby untouched").isEqualTo("t");
    }

    /** The copies first, then the replica (its agent takes backups), then the archive, which decommission keeps. */
    @Override
    @AfterAll
    void removeReplica() throws Exception {
        for (String cluster : restoreClusters()) {
            new DebianCluster(new ProcessRunner(), 15, cluster).drop();
        }
        java.nio.file.Path lock = replica == null ? null : ArchiveLock.file(replica.config());
        super.removeReplica();
        if (layout != null) {
            odoodr.host.DirectoryTree.delete(layout.root());
            Files.deleteIfExists(lock);
        }
    }

    /** This test's copies (its names carry the lab's id: other tests' copies are not ours). */
    private List<String> restoreClusters() {
        return DebianCluster.all(new ProcessRunner()).stream().map(DebianCluster::name)
                .filter(n -> name != null && n.startsWith("odoodr_restore_" + name)).toList();
    }

    /** Prod's clock now, ISO-8601 in UTC (prod and this host share a kernel clock in the lab). */
    private static String now(ProdLab lab) {
        return lab.sql("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
    }

    /**
     * restore, as setup, takes the host's state lock: a command another test on this host (another worktree's run)
     * holds it with is waited for, so that the refusal asserted is restore's own.
     */
    private Replica.Run run(String... args) {
        return Poll.lastOf(Duration.ofMinutes(5), Duration.ofSeconds(2), () -> replica.runWithConfig(config, args),
                r -> !heldByAnother(r));
    }
}
