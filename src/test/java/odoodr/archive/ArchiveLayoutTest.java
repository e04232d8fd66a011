package odoodr.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import odoodr.postgres.Lsn;
import org.junit.jupiter.api.Test;

class ArchiveLayoutTest {
    private final ArchiveLayout layout = new ArchiveLayout(Path.of("/var/lib/odoo-dr/archive/main"));

    @Test
    void labelsAreUtcStartTimesThatSortInTimeOrder() {
        String label = ArchiveLayout.labelAt(Instant.parse("2026-12-03T17:40:05.123Z"));
        assertThat(label).isEqualTo("20261203T174005Z");
        assertThat(ArchiveLayout.startOf(label)).contains(Instant.parse("2026-12-03T17:40:05Z"));
        assertThat(ArchiveLayout.labelAt(Instant.parse("2026-12-03T09:00:00Z"))).isLessThan(label);
        assertThat(ArchiveLayout.startOf("lost+found")).isEmpty();
        assertThat(ArchiveLayout.startOf(label + ArchiveLayout.PARTIAL_SUFFIX)).isEmpty();
    }

    @Test
    void everyPathIsUnderTheRootAndANonLabelIsRefused() {
        assertThat(layout.walDirectory()).isEqualTo(Path.of("/var/lib/odoo-dr/archive/main/wal"));
        assertThat(layout.backupData("20261203T174005Z"))
                .isEqualTo(Path.of("/var/lib/odoo-dr/archive/main/base/20261203T174005Z/data"));
        assertThat(layout.recordOf("20261203T174005Z").getFileName().toString()).isEqualTo("backup.properties");
        assertThat(layout.partialDirectory("20261203T174005Z").getFileName().toString())
                .isEqualTo("20261203T174005Z.partial");
        assertThatThrownBy(() -> layout.backupDirectory("../../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArchiveLayout(Path.of("archive"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecordRoundTripsAndADamagedOneSaysWhatIsMissing() {
        BackupRecord r = new BackupRecord("20261203T174005Z", Instant.parse("2026-12-03T17:40:05Z"),
                Instant.parse("2026-12-03T17:41:10Z"), Lsn.parse("0/5000028"), Lsn.parse("0/6000100"), 1,
                "7312345678901234567", 123_456_789L);
        assertThat(BackupRecord.parse(r.toBytes())).isEqualTo(r);
        String text = new String(r.toBytes(), StandardCharsets.UTF_8).replaceAll("end_lsn=.*\n", "");
        assertThatThrownBy(() -> BackupRecord.parse(text.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no end_lsn");
        assertThatThrownBy(() -> BackupRecord.parse(text.replace("timeline=1", "timeline=x")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("damaged");
    }
}
