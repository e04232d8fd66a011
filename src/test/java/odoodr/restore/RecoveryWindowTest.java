package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.archive.ArchiveLayout;
import odoodr.archive.BackupRecord;
import odoodr.postgres.Lsn;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryWindowTest {
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");
    private static final BackupRecord OLD = backup("2026-12-01T10:00:00Z", "2026-12-01T10:05:00Z");
    private static final BackupRecord NEW = backup("2026-12-02T10:00:00Z", "2026-12-02T10:05:00Z");
    private static final RecoveryWindow WINDOW = new RecoveryWindow(List.of(NEW, OLD),
            Optional.of(Instant.parse("2026-12-03T17:59:00Z")));

    static BackupRecord backup(String started, String finished) {
        Instant s = Instant.parse(started);
        return new BackupRecord(ArchiveLayout.labelAt(s), s, Instant.parse(finished), Lsn.parse("0/3000028"),
                Lsn.parse("0/3000100"), 1, "7000000000000000001", 1000);
    }

    @Test
    void theWindowRunsFromTheOldestBackupsEndToTheStandbysLastCommit() {
        assertThat(WINDOW.oldest()).contains(OLD.finished());
        assertThat(WINDOW.newest()).contains(Instant.parse("2026-12-03T17:59:00Z"));
        assertThat(WINDOW.backups()).containsExactly(OLD, NEW);
        assertThat(new RecoveryWindow(List.of(NEW), Optional.empty()).newest()).contains(NEW.finished());
    }

    @Test
    void theNewestBackupThatFinishedBeforeTheTimeIsChosen() {
        assertThat(WINDOW.backupFor(Instant.parse("2026-12-03T12:00:00Z"), NOW)).isEqualTo(NEW);
        assertThat(WINDOW.backupFor(Instant.parse("2026-12-02T10:04:59Z"), NOW))
                .as("NEW is not consistent yet at that time").isEqualTo(OLD);
        assertThat(WINDOW.backupFor(OLD.finished(), NOW)).isEqualTo(OLD);
    }

    @Test
    void futureAndBeforeTheWindowAreRefusedWithTheWindow() {
        assertThatThrownBy(() -> WINDOW.backupFor(NOW.plusSeconds(1), NOW)).isInstanceOf(DrException.class)
                .hasMessageContaining("is in the future").hasMessageContaining(OLD.finished() + " … 2026-12-03T17:59:00Z")
                .satisfies(e -> assertThat(((DrException) e).exitCode()).isEqualTo(ExitCode.RESTORE));
        assertThatThrownBy(() -> WINDOW.backupFor(OLD.finished().minusSeconds(1), NOW)).isInstanceOf(DrException.class)
                .hasMessageContaining("is before the recovery window " + OLD.finished());
    }

    @Test
    void anEmptyArchiveSaysToWaitForTheFirstBaseBackup() {
        assertThatThrownBy(() -> new RecoveryWindow(List.of(), Optional.empty()).backupFor(NOW, NOW))
                .isInstanceOf(DrException.class).hasMessageContaining("no good base backup yet")
                .satisfies(e -> assertThat(((DrException) e).hint()).contains("archive.enabled").contains("first"));
    }
}
