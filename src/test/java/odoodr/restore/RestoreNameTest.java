package odoodr.restore;

import odoodr.DrException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestoreNameTest {
    @Test
    void onlyRestoresClustersAreCopies() {
        assertThat(RestoreName.forTime(Instant.parse("2026-12-03T17:40:05.9Z")).cluster())
                .isEqualTo("odoodr_restore_20261203_174005");
        assertThat(RestoreName.ofCluster("odoodr_restore_bad_delete")).contains(new RestoreName("bad_delete"));
        assertThat(RestoreName.ofCluster("main")).isEmpty();
        assertThat(RestoreName.ofCluster("odoodr_restore_")).isEmpty();
    }

    @Test
    void aNameThatCouldLeaveTheClusterDirectoryIsRefused() {
        for (String bad : new String[] {"../main", "Main", "", "a b", "x".repeat(41)}) {
            assertThatThrownBy(() -> new RestoreName(bad)).as(bad).isInstanceOf(DrException.class);
        }
    }
}
