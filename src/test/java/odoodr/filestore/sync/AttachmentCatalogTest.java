package odoodr.filestore.sync;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttachmentCatalogTest {
    private final FakeStandby standby = new FakeStandby();
    private final MutableClock clock = new MutableClock();
    private AttachmentCatalog catalog;

    @BeforeEach
    void catalog() {
        catalog = new AttachmentCatalog("odoo", standby, 5, Duration.ofMinutes(30), Duration.ofMinutes(10), clock);
    }

    private List<Long> scan() {
        List<Long> ids = new ArrayList<>();
        catalog.scan(row -> ids.add(row.id()));
        return ids;
    }

    private void rows(long from, long to) {
        for (long id = from; id <= to; id++) {
            standby.add(id, ("content " + id).getBytes());
        }
    }

    @Test
    void firstScanReadsEveryRowPageByPageInIdOrder() {
        rows(1, 12);
        assertThat(scan()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(standby.pageStarts).as("keyset pages of 5").containsExactly(0L, 5L, 10L);
        assertThat(catalog.maxIdSeen()).isEqualTo(12);
    }

    @Test
    void laterScansAskOnlyForRowsAboveTheHorizon() {
        rows(1, 12);
        scan();
        standby.pageStarts.clear();
        standby.rowsReturned = 0;
        assertThat(scan()).isEmpty();
        rows(13, 14);
        assertThat(scan()).containsExactly(13L, 14L);
        assertThat(standby.pageStarts).containsExactly(12L, 12L);
        assertThat(standby.rowsReturned).as("cost grows with new rows only").isEqualTo(2);
    }

    @Test
    void aRowCommittedAfterAHigherIdIsNotSkipped() {
        rows(1, 12);
        scan();
        assertThat(catalog.horizon()).isEqualTo(12);
        // transaction 101 took id 13 and has not committed; transaction 102 took id 14 and committed
        standby.xmin = 101;
        standby.xmax = 103;
        rows(14, 14);
        assertThat(scan()).containsExactly(14L);
        assertThat(catalog.horizon()).as("101 still runs: 13 may still come").isEqualTo(12);
        // 101 commits
        standby.xmin = 103;
        rows(13, 13);
        assertThat(scan()).containsExactly(13L, 14L);
        assertThat(catalog.horizon()).isEqualTo(14);
        rows(15, 15);
        assertThat(scan()).containsExactly(15L);
    }

    @Test
    void aTransactionThatNeverEndsHoldsTheHorizonOnlyForMaxHorizonLag() {
        rows(1, 3);
        scan();
        standby.xmin = 101; // e.g. a prepared transaction on prod
        standby.xmax = 150;
        rows(4, 6);
        scan();
        clock.advance(Duration.ofMinutes(5));
        scan();
        assertThat(catalog.horizon()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(6));
        scan();
        assertThat(catalog.horizon()).isEqualTo(6);
    }

    @Test
    void aPeriodicFullReadSeesRowsUpdatedInPlace() {
        rows(1, 6);
        scan();
        AttachmentRow updated = standby.add(2, "new content of attachment 2".getBytes());
        assertThat(scan()).isEmpty();
        clock.advance(Duration.ofMinutes(30));
        List<AttachmentRow> seen = new ArrayList<>();
        AttachmentCatalog.Scan s = catalog.scan(seen::add);
        assertThat(s.full()).isTrue();
        assertThat(seen).contains(updated).hasSize(6);
    }

    @Test
    void unsafeNamesAreRefusedAndReportedNeverHandedOn() {
        rows(1, 2);
        standby.put(AttachmentRow.of(3, "../../../etc/passwd", null, 10L));
        standby.put(AttachmentRow.of(4, "/etc/shadow", null, 10L));
        rows(5, 5);
        assertThat(scan()).containsExactly(1L, 2L, 5L);
        assertThat(catalog.rejected()).containsOnlyKeys(3L, 4L).containsValue("/etc/shadow");
    }

    @Test
    void aFailedScanMovesNothingAndTheNextOneReadsTheSameRows() {
        rows(1, 12);
        standby.failNext = new IllegalStateException("standby restarting");
        assertThatThrownBy(this::scan).hasMessageContaining("standby restarting");
        assertThat(catalog.horizon()).isZero();
        assertThat(scan()).hasSize(12);
    }
}
