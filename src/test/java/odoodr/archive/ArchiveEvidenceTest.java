package odoodr.archive;

import odoodr.postgres.Lsn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** backup_label and backup_manifest as PostgreSQL 15's pg_basebackup writes them (taken from a standby). */
class ArchiveEvidenceTest {
    static final String BACKUP_LABEL = """
            START WAL LOCATION: 0/B000028 (file 00000001000000000000000B)
            CHECKPOINT LOCATION: 0/B000060
            BACKUP METHOD: streamed
            BACKUP FROM: standby
            START TIME: 2026-12-03 18:01:02 UTC
            LABEL: odoo-dr archive 20261203T180102Z.partial
            START TIMELINE: 1
            """;
    static final String MANIFEST_TAIL = """
            { "Path": "global/pg_control", "Size": 8192, "Last-Modified": "2026-12-03 18:01:02 GMT", "Checksum-Algorithm": "CRC32C", "Checksum": "1e2f3a4b" }
            ],
            "WAL-Ranges": [
            { "Timeline": 1, "Start-LSN": "0/B000028", "End-LSN": "0/B000138" }
            ],
            "Manifest-Checksum": "0123456789abcdef"}
            """;

    @Test
    void backupLabelGivesTheStartLsnItsSegmentAndTheTimeline() {
        BackupLabelFile label = BackupLabelFile.parse(BACKUP_LABEL);
        assertThat(label.startLsn()).isEqualTo(Lsn.parse("0/B000028"));
        assertThat(label.startSegment()).isEqualTo("00000001000000000000000B");
        assertThat(label.timeline()).isEqualTo(1);
        assertThatThrownBy(() -> BackupLabelFile.parse("START TIMELINE: 1\n"))
                .hasMessageContaining("START WAL LOCATION");
        assertThatThrownBy(() -> BackupLabelFile.parse(BACKUP_LABEL.replace("START TIMELINE: 1", "")))
                .hasMessageContaining("START TIMELINE");
    }

    @Test
    void theManifestsLastWalRangeGivesTheEndLsn() {
        ManifestWalRange range = ManifestWalRange.lastOf(MANIFEST_TAIL);
        assertThat(range.endLsn()).isEqualTo(Lsn.parse("0/B000138"));
        assertThat(range.startLsn()).isEqualTo(Lsn.parse("0/B000028"));
        String twoTimelines = MANIFEST_TAIL.replace("{ \"Timeline\": 1, \"Start-LSN\": \"0/B000028\", \"End-LSN\": \"0/B000138\" }",
                "{ \"Timeline\": 1, \"Start-LSN\": \"0/B000028\", \"End-LSN\": \"0/B0000A0\" },\n"
                        + "{ \"Timeline\": 2, \"Start-LSN\": \"0/B0000A0\", \"End-LSN\": \"0/C000010\" }");
        assertThat(ManifestWalRange.lastOf(twoTimelines)).isEqualTo(
                new ManifestWalRange(2, Lsn.parse("0/B0000A0"), Lsn.parse("0/C000010")));
        assertThatThrownBy(() -> ManifestWalRange.lastOf("{\"Files\": []}")).hasMessageContaining("no WAL-Ranges");
        assertThatThrownBy(() -> ManifestWalRange.lastOf("\"WAL-Ranges\": [\n]")).hasMessageContaining("empty");
    }

    private static BackupRecord finishedAt(String iso) {
        Instant finished = Instant.parse(iso);
        return new BackupRecord(ArchiveLayout.labelAt(finished.minusSeconds(60)), finished.minusSeconds(60), finished,
                Lsn.parse("0/5000028"), Lsn.parse("0/5000100"), 1, "7312345678901234567", 1000);
    }

    @Test
    void aBackupIsDueWithNoneOrWhenTheNewestIsOneIntervalOld() {
        BackupSchedule daily = new BackupSchedule(Duration.ofDays(1));
        Instant now = Instant.parse("2026-12-03T18:00:00Z");
        assertThat(daily.due(List.of(), now)).isTrue();
        assertThat(daily.due(List.of(finishedAt("2026-12-02T18:00:01Z")), now)).isFalse();
        assertThat(daily.due(List.of(finishedAt("2026-12-02T18:00:00Z")), now)).isTrue();
        assertThat(daily.due(List.of(finishedAt("2026-11-01T00:00:00Z"), finishedAt("2026-12-03T17:00:00Z")), now))
                .as("the newest counts, whatever the order").isFalse();
        assertThat(daily.pollPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(new BackupSchedule(Duration.ofSeconds(10)).pollPeriod()).isEqualTo(Duration.ofMillis(2500));
        assertThat(new BackupSchedule(Duration.ofSeconds(1)).pollPeriod()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retentionRemovesWhatFinishedBeforeTheHorizonButNeverTheNewest() {
        Instant now = Instant.parse("2026-12-20T00:00:00Z");
        BackupRecord old1 = finishedAt("2026-12-01T00:00:00Z");
        BackupRecord old2 = finishedAt("2026-12-05T00:00:00Z");
        BackupRecord recent = finishedAt("2026-12-10T00:00:00Z");
        BackupRecord newest = finishedAt("2026-12-19T00:00:00Z");
        RetentionPlan plan = RetentionPlan.of(List.of(newest, old2, recent, old1), now, Duration.ofDays(14));
        assertThat(plan.remove()).containsExactly(old1, old2);
        assertThat(plan.keep()).containsExactly(recent, newest);
        assertThat(plan.oldestKept()).contains(recent);

        RetentionPlan allOld = RetentionPlan.of(List.of(old1, old2), now, Duration.ofDays(14));
        assertThat(allOld.remove()).containsExactly(old1);
        assertThat(allOld.keep()).as("the newest good backup stays however old").containsExactly(old2);
        assertThat(RetentionPlan.of(List.of(), now, Duration.ofDays(14)).oldestKept()).isEmpty();
    }
}
