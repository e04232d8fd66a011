package odoodr.restore;

import odoodr.postgres.Lsn;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryTargetTest {
    private static final Instant LAST_COMMIT = Instant.parse("2026-12-03T17:00:00Z");
    private static final Lsn REPLAY = Lsn.parse("0/5000060");

    @Test
    void aTimeBeforeTheLastReplayedCommitIsATimeTarget() {
        RecoveryTarget t = RecoveryTarget.plan(Instant.parse("2026-12-03T16:59:59.5Z"), Optional.of(LAST_COMMIT), REPLAY);
        assertThat(t.byLsn()).isFalse();
        assertThat(t.setting()).isEqualTo("recovery_target_time = '2026-12-03 16:59:59.500000+00'");
        assertThat(RecoveryTarget.plan(LAST_COMMIT, Optional.of(LAST_COMMIT), REPLAY).byLsn()).isFalse();
    }

    @Test
    void aTimeAfterItBecomesTheStandbysReplayPositionAndSaysWhy() {
        RecoveryTarget t = RecoveryTarget.plan(LAST_COMMIT.plusSeconds(1), Optional.of(LAST_COMMIT), REPLAY);
        assertThat(t.setting()).isEqualTo("recovery_target_lsn = '0/5000060'\nrecovery_target_inclusive = on");
        RecoveryTarget exact = t.stoppingAfter(Optional.of(Lsn.parse("0/5000028")));
        assertThat(exact.setting()).as("stops after the last record, which ends at the replay position")
                .isEqualTo("recovery_target_lsn = '0/5000028'\nrecovery_target_inclusive = on");
        assertThat(exact.describe()).isEqualTo(t.describe());
        RecoveryTarget byTime = RecoveryTarget.plan(LAST_COMMIT.minusSeconds(1), Optional.of(LAST_COMMIT), REPLAY);
        assertThat(byTime.stoppingAfter(Optional.of(Lsn.parse("0/5000028")))).as("a time target stays one")
                .isEqualTo(byTime);
        assertThat(t.describe()).contains("replay position 0/5000060").contains("after the standby's last replayed commit");
        assertThat(RecoveryTarget.plan(LAST_COMMIT, Optional.empty(), REPLAY).byLsn()).as("nothing replayed yet").isTrue();
    }

    @Test
    void theCopysSettingsReadWalOnlyAndNeverStream() {
        RecoverySettings s = new RecoverySettings(5433, Path.of("/var/lib/odoo-dr/archive/main/wal"),
                Path.of("/var/lib/postgresql/15/main/pg_wal"),
                RecoveryTarget.plan(Instant.parse("2026-12-03T16:00:00Z"), Optional.of(LAST_COMMIT), REPLAY),
                Map.of("max_connections", "200"));
        assertThat(s.restoreCommand()).isEqualTo("test -f /var/lib/odoo-dr/archive/main/wal/%f && cp"
                + " /var/lib/odoo-dr/archive/main/wal/%f %p || cp /var/lib/postgresql/15/main/pg_wal/%f %p");
        RecoverySettings odd = new RecoverySettings(5433, Path.of("/srv/it's 100%/wal"), Path.of("/x"),
                RecoveryTarget.plan(LAST_COMMIT, Optional.of(LAST_COMMIT), REPLAY), Map.of());
        assertThat(odd.restoreCommand()).as("quoted for sh, %% for PostgreSQL")
                .startsWith("test -f '/srv/it'\\''s 100%%/wal'/%f && cp '/srv/it'\\''s 100%%/wal'/%f %p");
        String line = odd.render().lines().filter(l -> l.startsWith("restore_command = ")).findFirst().orElseThrow();
        assertThat(odoodr.postgres.ConfLiteral.unquote(line.substring("restore_command = ".length())))
                .as("the server reads back exactly the command").isEqualTo(odd.restoreCommand());
        assertThat(s.render()).contains("port = 5433\n").contains("listen_addresses = 'localhost'\n")
                .contains("archive_mode = off\n").contains("max_connections = 200\n")
                .contains("restore_command = 'test -f /var/lib/odoo-dr/archive/main/wal/%f")
                .contains("recovery_target_time = '2026-12-03 16:00:00.000000+00'\n")
                .contains("recovery_target_action = 'promote'\n")
                .doesNotContain("primary_conninfo").doesNotContain("primary_slot_name");
    }

    @Test
    void theLastRecordIsTheLastOnePgWaldumpPrinted() {
        String out = """
                rmgr: Transaction len (rec/tot):     66/    66, tx:        723, lsn: 0/015006D0, prev 0/01500630, desc: COMMIT 2026-05-20 16:27:30.450499 UTC
                rmgr: XLOG        len (rec/tot):    114/   114, tx:          0, lsn: 0/01500718, prev 0/015006D0, desc: CHECKPOINT_SHUTDOWN redo 0/1500718
                """;
        assertThat(LastReplayedRecord.lastRecordStart(out)).contains(Lsn.parse("0/1500718"));
        assertThat(LastReplayedRecord.lastRecordStart("pg_waldump: error: could not find a valid record after 0/3000000\n"))
                .isEmpty();
    }
}
