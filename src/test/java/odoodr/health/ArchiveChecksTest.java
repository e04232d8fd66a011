package odoodr.health;

import odoodr.archive.ArchiveLayout;
import odoodr.archive.BackupRecord;
import odoodr.config.ArchiveConfig;
import odoodr.config.HealthConfig;
import odoodr.postgres.Lsn;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveChecksTest {
    private static final Instant NOW = Instant.parse("2026-12-20T00:00:00Z");
    private static final Path ROOT = Path.of("/var/lib/odoo-dr/archive/main");
    private static final ArchiveConfig DAILY = new ArchiveConfig(true, Optional.empty(), Duration.ofDays(14),
            Duration.ofDays(1));
    private static final DiskSample ROOMY = new DiskSample(ROOT, ROOT, 500L << 30, 1000L << 30);
    private static final ArchiveSample.ArchiverStats HEALTHY = new ArchiveSample.ArchiverStats(
            "00000001000000000000000B", 30.0, 0, null, false, 0, null);

    private static BackupRecord finishedAgo(Duration ago) {
        Instant finished = NOW.minus(ago);
        return new BackupRecord(ArchiveLayout.labelAt(finished.minusSeconds(60)), finished.minusSeconds(60), finished,
                Lsn.parse("0/5000028"), Lsn.parse("0/5000100"), 1, "7312345678901234567", 5L << 20);
    }

    private static ArchiveSample sample(ArchiveSample.ArchiverStats stats, Optional<BackupRecord> newest,
                                        DiskSample standbyDisk) {
        return new ArchiveSample(ROOT, Measured.of(stats), newest, newest.map(n -> finishedAgo(Duration.ofDays(13))),
                1L << 30, 2L << 30, ROOMY, standbyDisk);
    }

    private static HealthCheck row(List<HealthCheck> rows, CheckId id) {
        return rows.stream().filter(r -> r.id().equals(id.id())).findFirst().orElseThrow();
    }

    private static List<HealthCheck> evaluate(ArchiveSample s) {
        return ArchiveChecks.evaluate(Measured.of(s), DAILY, HealthConfig.DEFAULTS, NOW);
    }

    @Test
    void aHealthyArchiveIsOkWithItsWindowAndSizes() {
        List<HealthCheck> rows = evaluate(sample(HEALTHY, Optional.of(finishedAgo(Duration.ofHours(3))), ROOMY));
        assertThat(rows).extracting(HealthCheck::id).containsExactlyElementsOf(
                ArchiveChecks.ALL.stream().map(CheckId::id).toList());
        assertThat(rows).allSatisfy(r -> assertThat(r.status()).as(r.id()).isEqualTo(CheckStatus.OK));
        assertThat(row(rows, ArchiveChecks.WINDOW).value().value()).isEqualTo(Duration.ofDays(13).toSeconds());
        assertThat(row(rows, ArchiveChecks.USED).value().value()).isEqualTo(3L << 30);
        assertThat(row(rows, ArchiveChecks.BACKUP).value().value()).isEqualTo(Duration.ofHours(3).toSeconds());
    }

    @Test
    void theNewestBackupIsWarningPastTwoIntervalsAndCriticalPastTheRetention() {
        assertThat(row(evaluate(sample(HEALTHY, Optional.of(finishedAgo(Duration.ofHours(47))), ROOMY)),
                ArchiveChecks.BACKUP).status()).isEqualTo(CheckStatus.OK);
        assertThat(row(evaluate(sample(HEALTHY, Optional.of(finishedAgo(Duration.ofHours(49))), ROOMY)),
                ArchiveChecks.BACKUP).status()).isEqualTo(CheckStatus.WARNING);
        assertThat(row(evaluate(sample(HEALTHY, Optional.of(finishedAgo(Duration.ofDays(15))), ROOMY)),
                ArchiveChecks.BACKUP).status()).isEqualTo(CheckStatus.CRITICAL);
        List<HealthCheck> none = evaluate(sample(HEALTHY, Optional.empty(), ROOMY));
        assertThat(row(none, ArchiveChecks.BACKUP).status()).isEqualTo(CheckStatus.WARNING);
        assertThat(row(none, ArchiveChecks.WINDOW).detail()).contains("no recovery point yet");
    }

    @Test
    void aFailureNewerThanTheLastSuccessIsCriticalWithTheFixForAnUnwritableDirectory() {
        var failing = new ArchiveSample.ArchiverStats("00000001000000000000000B", 600.0, 7,
                "00000001000000000000000C", true, 16L << 20, ROOT + "/wal is missing or not writable by postgres");
        List<HealthCheck> rows = evaluate(sample(failing, Optional.of(finishedAgo(Duration.ofHours(3))), ROOMY));
        HealthCheck archived = row(rows, ArchiveChecks.ARCHIVED);
        assertThat(archived.status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(archived.hint()).contains("archive directory " + ROOT + "/wal is missing or not writable by postgres",
                "chown -R postgres: " + ROOT);
        assertThat(row(rows, ArchiveChecks.FAILURES).status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(row(rows, ArchiveChecks.WAITING).status()).as("16 MB waiting, 500 GB free").isEqualTo(CheckStatus.WARNING);

        var pastFailures = new ArchiveSample.ArchiverStats("00000001000000000000000D", 5.0, 7,
                "00000001000000000000000C", false, 0, null);
        List<HealthCheck> recovered = evaluate(sample(pastFailures, Optional.of(finishedAgo(Duration.ofHours(3))), ROOMY));
        assertThat(row(recovered, ArchiveChecks.ARCHIVED).status()).isEqualTo(CheckStatus.OK);
        assertThat(row(recovered, ArchiveChecks.FAILURES).detail()).contains("succeeded since");
    }

    @Test
    void walPilingUpIsCriticalOnceItIsAQuarterOfTheStandbysFreeDisk() {
        DiskSample nearlyFull = new DiskSample(Path.of("/var/lib/postgresql"), Path.of("/var/lib/postgresql"),
                4L << 30, 100L << 30);
        var failing = new ArchiveSample.ArchiverStats("00000001000000000000000B", 600.0, 70,
                "00000001000000000000000C", true, 1L << 30, null);
        HealthCheck waiting = row(evaluate(sample(failing, Optional.of(finishedAgo(Duration.ofHours(3))), nearlyFull)),
                ArchiveChecks.WAITING);
        assertThat(waiting.status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(waiting.hint()).contains("the standby stops when its disk is full", "basic_archive's error");
    }

    @Test
    void anArchiveThatCannotBeReadIsUnknownInEveryRowAndAStandbyDownOnlyInTheArchiverRows() {
        List<HealthCheck> unread = ArchiveChecks.evaluate(Measured.failed("cannot read", "run as root"), DAILY,
                HealthConfig.DEFAULTS, NOW);
        assertThat(unread).hasSize(ArchiveChecks.ALL.size()).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.UNKNOWN));
        ArchiveSample down = new ArchiveSample(ROOT, Measured.failed("connection refused", null),
                Optional.of(finishedAgo(Duration.ofHours(3))), Optional.of(finishedAgo(Duration.ofDays(3))), 1, 2,
                ROOMY, ROOMY);
        List<HealthCheck> rows = evaluate(down);
        assertThat(row(rows, ArchiveChecks.ARCHIVED).status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(row(rows, ArchiveChecks.BACKUP).status()).isEqualTo(CheckStatus.OK);
    }
}
