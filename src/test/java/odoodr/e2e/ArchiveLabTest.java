package odoodr.e2e;

import odoodr.archive.ArchiveInventory;
import odoodr.archive.ArchiveLayout;
import odoodr.archive.ArchiveLock;
import odoodr.archive.BackupRecord;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.host.FileLock;
import odoodr.host.ServiceUser;
import odoodr.lab.JsonTree;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.ConnectionProfile;
import odoodr.postgres.PrimarySession;
import odoodr.postgres.ReplicationCredentials;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovery archive, end to end: setup makes the standby archive through basic_archive into the default
 * directory, the agent (started by setup) takes base backups of the standby that pg_verifybackup accepts, retention
 * (20 s, a backup every 10 s) removes old backups and the WAL before the oldest kept one, and an archive directory
 * postgres cannot write turns status CRITICAL with the fix; after the repair archiving catches up without a gap.
 */
class ArchiveLabTest extends ReplicaLabTest {
    private static final Pattern SEGMENT = Pattern.compile("[0-9A-F]{24}");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private final ProcessRunner runner = new ProcessRunner();

    @Override
    protected void prepare(ProdLab lab, Replica replica) throws Exception {
        Files.writeString(replica.configFile(), Files.readString(replica.configFile())
                + "archive:\n  enabled: true\n  retention: 20s\n  base_backup_interval: 10s\n");
    }

    private ArchiveLayout layout() {
        return ArchiveLayout.of(replica.config());
    }

    private List<String> segments() throws IOException {
        try (Stream<Path> files = Files.list(layout().walDirectory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> SEGMENT.matcher(n).matches()).sorted().toList();
        }
    }

    private String switchWal(ProdLab lab) {
        // Something to switch away from, committed first: with no WAL since the last switch (pg_basebackup's own, at
        // the end of setup) pg_switch_wal does nothing and names the segment before, one the base backup carried.
        lab.sql("CREATE TABLE IF NOT EXISTS odoo_dr_test_switch (at timestamptz); INSERT INTO odoo_dr_test_switch VALUES (now())");
        return lab.sql("SELECT pg_walfile_name(pg_switch_wal())");
    }

    private String standbyValue(String sql) {
        Config c = replica.config();
        try (PrimarySession s = ConnectionFactory.session(ConnectionProfile.LOCAL_STANDBY.login(c,
                PgEndpoint.loopback(c.postgres().port()), ReplicationCredentials.find(c).orElseThrow(), "postgres"))) {
            return s.requireValue(sql);
        }
    }

    /**
     * Runs a state-changing command, waiting while another one (another test class on this shared machine) holds the
     * host-wide state lock: that refusal is the lock working, not this test's subject.
     */
    private Replica.Run whenTheHostIsFree(String... args) {
        return Poll.within(Duration.ofMinutes(10), Duration.ofSeconds(2)).alias("the host's state lock free")
                .until(() -> replica.run(args), r -> !r.err().contains("is changing this host's state"));
    }

    private Map<String, Object> statusRow(String id) {
        Replica.Run status = replica.run("status", "--output", "json");
        return JsonTree.parse(status.out()).find("id", id, "checks");
    }

    @Test
    @Order(1)
    void setupMakesTheArchiveAndTheStandbyArchivesEverySegmentItReceives(ProdLab lab) throws Exception {
        Replica.Run setup = whenTheHostIsFree("setup", "--only", "database");
        assertThat(setup.code()).as(setup.all()).isZero();
        assertThat(setup.out()).contains("recovery archive", "standby archiving");
        Path root = layout().root();
        assertThat(root).isEqualTo(Path.of("/var/lib/odoo-dr/archive", replica.cluster().name()));
        for (Path dir : List.of(root, layout().walDirectory(), layout().baseDirectory())) {
            assertThat(Files.getOwner(dir).getName()).as(dir.toString()).isEqualTo("postgres");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as(dir.toString())
                    .isEqualTo("rwx------");
        }
        assertThat(standbyValue("SHOW archive_mode")).isEqualTo("always");
        assertThat(standbyValue("SHOW archive_library")).isEqualTo("basic_archive");

        String segment = switchWal(lab);
        Poll.within(WAIT, Duration.ofMillis(500)).alias("segment " + segment + " archived by the standby")
                .until(() -> Files.exists(layout().walDirectory().resolve(segment)));

        Replica.Run again = replica.run("setup", "--only", "database", "--dry-run");
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).doesNotContain("would do");
    }

    @Test
    @Order(2)
    void theAgentTakesABaseBackupOfTheStandbyThatPgVerifybackupAccepts(ProdLab lab) throws Exception {
        BackupRecord first = Poll.within(WAIT, Duration.ofSeconds(1)).alias("a good base backup")
                .until(() -> ArchiveInventory.read(layout()).newest(), Optional::isPresent).orElseThrow();
        Path data = layout().backupData(first.label());
        var verify = runner.runAllowingFailure(Command.of(ServiceUser.POSTGRES.as(List.of(
                replica.cluster().binDirectory().resolve("pg_verifybackup").toString(), data.toString())))
                .timeout(Duration.ofMinutes(2)).build());
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(first.systemIdentifier()).isEqualTo(lab.sql("SELECT system_identifier FROM pg_control_system()"));
        assertThat(first.timeline()).isEqualTo(1);
        assertThat(first.endLsn().isBefore(first.startLsn())).isFalse();
        assertThat(first.finished()).isAfterOrEqualTo(first.started());
        assertThat(first.bytes()).isGreaterThan(1_000_000);
        String startSegment = lab.sql("SELECT pg_walfile_name('" + first.startLsn() + "')");
        assertThat(data.resolve("pg_wal").resolve(startSegment)).as("the backup carries its own WAL").exists();
    }

    @Test
    @Order(3)
    void retentionRemovesOldBackupsAndTheWalBeforeTheOldestKeptOneAndKeepsTheNewest(ProdLab lab) throws Exception {
        String firstLabel = ArchiveInventory.read(layout()).oldest().orElseThrow().label();
        Poll.within(WAIT, Duration.ofSeconds(1)).alias("backup " + firstLabel + " removed by retention").until(() -> {
            switchWal(lab);
            return ArchiveInventory.read(layout()).good().stream().noneMatch(b -> b.label().equals(firstLabel));
        });
        try (FileLock held = awaitArchiveLock()) {
            ArchiveInventory now = ArchiveInventory.read(layout());
            assertThat(now.good()).as("the newest good backup stays").isNotEmpty();
            assertThat(now.partial()).isEmpty();
            String oldestKeptStart = startSegment(now.oldest().orElseThrow());
            assertThat(segments()).isNotEmpty().allSatisfy(s -> assertThat(s)
                    .as("no segment before the oldest kept backup's start " + oldestKeptStart)
                    .isGreaterThanOrEqualTo(oldestKeptStart));
        }
        assertThat(statusRow("archive_base_backup_age")).containsEntry("status", "OK");
        assertThat(statusRow("archive_recovery_window")).containsEntry("status", "OK");
    }

    @Test
    @Order(4)
    void anArchiveDirectoryPostgresCannotWriteTurnsStatusCriticalWithTheFix(ProdLab lab) throws Exception {
        Path wal = layout().walDirectory();
        Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("---------"));
        try {
            Map<String, Object> row = Poll.within(WAIT, Duration.ofSeconds(2)).alias("archiver row CRITICAL").until(() -> {
                switchWal(lab);
                return statusRow("archive_last_archived_age");
            }, r -> "CRITICAL".equals(r.get("status")));
            assertThat((String) row.get("hint")).contains("archive directory " + wal + " is missing or not writable"
                    + " by postgres", "chown -R postgres:");
            assertThat(replica.run("status", "--output", "nagios").code()).isEqualTo(2);
        } finally {
            Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    @Order(5)
    void afterTheRepairArchivingCatchesUpWithNoGap(ProdLab lab) throws Exception {
        String last = switchWal(lab);
        Poll.within(WAIT, Duration.ofSeconds(1)).alias("segment " + last + " archived after the repair")
                .until(() -> Files.exists(layout().walDirectory().resolve(last)));
        Poll.within(WAIT, Duration.ofSeconds(2)).alias("archiver row OK again")
                .until(() -> statusRow("archive_last_archived_age"), r -> "OK".equals(r.get("status")));
        try (FileLock held = awaitArchiveLock()) {
            List<String> present = segments();
            List<String> missing = new ArrayList<>();
            for (String s = present.get(0); s.compareTo(present.get(present.size() - 1)) < 0; s = next(s)) {
                if (!present.contains(next(s))) {
                    missing.add(next(s));
                }
            }
            assertThat(missing).as("segments missing between " + present.get(0) + " and " + last).isEmpty();
            assertThat(present).contains(last);
        }
    }

    @Test
    @Order(6)
    void decommissionKeepsTheArchiveAndSaysWhereItIs(ProdLab lab) throws Exception {
        List<String> before = segments();
        Replica.Run decommission = whenTheHostIsFree("decommission");
        assertThat(decommission.code()).as(decommission.all()).isZero();
        assertThat(decommission.out()).contains("recovery archive in " + layout().root() + " (")
                .contains("base backup(s), restorable from ").contains("rm -r " + layout().root());
        assertThat(segments()).as("the archive's WAL untouched").containsAll(before);
        assertThat(ArchiveInventory.read(layout()).newest()).as("its newest base backup kept").isPresent();
    }

    /** Holds the archive's lock, so that the agent's retention does not remove segments while they are listed. */
    private FileLock awaitArchiveLock() {
        return Poll.within(WAIT, Duration.ofMillis(500)).alias("the archive's lock")
                .until(() -> ArchiveLock.tryAcquire(replica.config(), "ArchiveLabTest"), Optional::isPresent)
                .orElseThrow();
    }

    private String startSegment(BackupRecord b) throws IOException {
        String label = Files.readString(layout().backupData(b.label()).resolve("backup_label"));
        return odoodr.archive.BackupLabelFile.parse(label).startSegment();
    }

    /** The segment after {@code s} (16 MB segments: 256 per log id). */
    static String next(String s) {
        long log = Long.parseLong(s.substring(8, 16), 16);
        long seg = Long.parseLong(s.substring(16), 16);
        if (++seg == 0x100) {
            seg = 0;
            log++;
        }
        return s.substring(0, 8) + String.format("%08X%08X", log, seg);
    }

    @Override
    @AfterAll
    void removeReplica() throws Exception {
        Path root = replica == null ? null : layout().root();
        Path lock = replica == null ? null : ArchiveLock.file(replica.config());
        super.removeReplica();
        if (root != null) {
            odoodr.host.DirectoryTree.delete(root);
            Files.deleteIfExists(lock);
        }
    }
}
