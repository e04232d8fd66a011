package odoodr.restore;

import odoodr.postgres.Lsn;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryLogTest {
    /** PostgreSQL 15's lines when a segment is missing before the target (seen in RestoreLabTest). */
    private static final RecoveryLog GAP = new RecoveryLog(List.of(
            "2026-12-03 18:18:50.100 UTC [9] LOG:  starting point-in-time recovery to 2026-12-03 18:18:49.19954+00",
            "2026-12-03 18:18:50.200 UTC [9] LOG:  redo starts at 0/3000028",
            "2026-12-03 18:18:50.300 UTC [9] LOG:  redo done at 0/3059B88 system usage: CPU: user: 0.00 s",
            "2026-12-03 18:18:50.300 UTC [9] LOG:  last completed transaction was at log time 2026-12-03 18:18:40.674779+00",
            "2026-12-03 18:18:50.301 UTC [9] FATAL:  recovery ended before configured recovery target was reached"));

    @Test
    void aRecoveryThatEndedShortSaysWhereAndWhen() {
        assertThat(GAP.targetNotReached()).isTrue();
        assertThat(GAP.redoDoneAt()).contains(Lsn.parse("0/3059B88"));
        assertThat(GAP.lastTransaction()).contains(Instant.parse("2026-12-03T18:18:40.674779Z"));
        assertThat(GAP.lastFatal()).hasValueSatisfying(l -> assertThat(l).contains("recovery ended before"));
    }

    @Test
    void offsetsOtherThanUtcAndNoFraction() {
        assertThat(RecoveryLog.parseTimestamp("2026-12-03 19:18:40+01")).contains(Instant.parse("2026-12-03T18:18:40Z"));
        assertThat(RecoveryLog.parseTimestamp("2026-12-03 13:18:40.5-05:30")).contains(Instant.parse("2026-12-03T18:48:40.5Z"));
        assertThat(new RecoveryLog(List.of("LOG:  database system is ready")).targetNotReached()).isFalse();
    }

    @Test
    void segmentNamesAndTheFirstGap() {
        long seg = WalSegments.DEFAULT_SEGMENT_BYTES;
        assertThat(WalSegments.nameOf(1, Lsn.parse("0/3059B88"), seg)).isEqualTo("000000010000000000000003");
        assertThat(WalSegments.nameOf(2, Lsn.parse("1/FF000000"), seg)).isEqualTo("0000000200000001000000FF");
        Set<String> have = Set.of("000000010000000000000003", "000000010000000000000005");
        assertThat(WalSegments.firstMissing(1, Lsn.parse("0/3000028"), Lsn.parse("0/5000100"), seg, have))
                .contains("000000010000000000000004");
        assertThat(WalSegments.firstMissing(1, Lsn.parse("0/3000028"), Lsn.parse("0/3FFFFFF"), seg, have)).isEmpty();
        assertThat(WalSegments.isSegmentName("000000010000000000000003")).isTrue();
        assertThat(WalSegments.isSegmentName("00000002.history")).isFalse();
    }

    @Test
    void controlDataGivesTheLimitsAHotStandbyNeeds() {
        ControlData c = ControlData.parse("pg_control version number:            1300\n"
                + "Database system identifier:           7444000000000000001\n"
                + "max_connections setting:              200\n"
                + "max_worker_processes setting:         8\n"
                + "max_wal_senders setting:              10\n"
                + "max_prepared_xacts setting:           0\n"
                + "max_locks_per_xact setting:           64\n"
                + "Bytes per WAL segment:                33554432\n");
        assertThat(c.primaryLimits()).containsEntry("max_connections", "200").containsEntry("max_prepared_transactions", "0")
                .containsEntry("max_locks_per_transaction", "64").hasSize(5);
        assertThat(c.segmentBytes()).isEqualTo(32L << 20);
        assertThat(c.systemIdentifier()).isEqualTo(Optional.of("7444000000000000001"));
    }
}
