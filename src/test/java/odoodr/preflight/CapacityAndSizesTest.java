package odoodr.preflight;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The arithmetic of the capacity and disk checks, and how sizes are shown. */
class CapacityAndSizesTest {

    @Test
    void walSendersNeedTwoFreeForABaseBackupWithStreamedWal() {
        assertThat(ReplicationCapacity.walSenders(10, 0).free()).isEqualTo(10);
        assertThat(ReplicationCapacity.walSenders(10, 0).sufficient()).isTrue();
        assertThat(ReplicationCapacity.walSenders(3, 1).sufficient()).isTrue();   // 2 free, 2 needed
        assertThat(ReplicationCapacity.walSenders(3, 2).sufficient()).isFalse();  // 1 free
        assertThat(ReplicationCapacity.walSenders(3, 2).minimumLimit()).isEqualTo(4);
        assertThat(ReplicationCapacity.walSenders(0, 0).sufficient()).isFalse();  // wal_level minimal's companion
    }

    @Test
    void slotsNeedOne() {
        assertThat(ReplicationCapacity.slots(10, 9).sufficient()).isTrue();
        assertThat(ReplicationCapacity.slots(10, 10).sufficient()).isFalse();
        assertThat(ReplicationCapacity.slots(10, 10).minimumLimit()).isEqualTo(11);
    }

    @Test
    void moreInUseThanTheLimitIsNoneFreeNotNegative() {
        // max_replication_slots lowered below the number of existing slots: the server keeps them
        assertThat(ReplicationCapacity.slots(2, 5).free()).isZero();
        assertThatThrownBy(() -> ReplicationCapacity.slots(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void diskNeedsProdsSizePlusTenPercent() {
        DiskRequirement d = new DiskRequirement(1000, 1100, 0);
        assertThat(d.neededBytes()).isEqualTo(1100);
        assertThat(d.sufficient()).isTrue();
        assertThat(new DiskRequirement(1000, 1099, 0).sufficient()).isFalse();
        assertThat(new DiskRequirement(1000, 1099, 0).shortfallBytes()).isEqualTo(1);
        // the margin rounds up: 10% of 1001 bytes is 100.1, so 1102 bytes are needed
        assertThat(new DiskRequirement(1001, 0, 0).neededBytes()).isEqualTo(1102);
    }

    @Test
    void aDataDirectoryThatSetupReplacesCountsAsFree() {
        long gib = 1L << 30;
        assertThat(new DiskRequirement(40 * gib, 10 * gib, 0).sufficient()).isFalse();
        assertThat(new DiskRequirement(40 * gib, 10 * gib, 40 * gib).sufficient()).isTrue();
    }
}
