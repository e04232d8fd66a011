package odoodr.filestore.sync;

import odoodr.health.FilestoreSyncStateFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SyncStatusFileTest {
    /**
     * The bytes of the state file as SyncStatus wrote them itself (captured from that code): the schema's keys that
     * health reads (since issue 12 with corrupt_on_prod: the names of the checksum mismatches), then the sync's
     * details; the one codec writes both.
     */
    @Test
    void writesTheStateFileByteForByteAsBeforeAndHealthReadsIt(@TempDir Path dir) throws Exception {
        var lost = new SyncStatus.FailingFile("ab/ab12", 7, 3, Instant.parse("2025-11-25T19:40:12Z"),
                Instant.parse("2025-11-25T19:50:12Z"), "not on prod");
        var wrong = new SyncStatus.FailingFile("cd/cd34", 8, 1, Instant.parse("2025-11-25T19:41:00Z"), null, null);
        SyncStatus status = new SyncStatus("odoo", Instant.parse("2025-11-25T19:40:12Z"),
                Instant.parse("2025-11-25T19:40:17Z"), "rsync exited 23: \"x\"", 12, 3456789012L, 99, 4, 1,
                List.of(lost), List.of(wrong), List.of(lost, wrong), Map.of(5L, "../etc/\nshadow"), null);

        new SyncStatusFile(dir).accept(status);

        Path file = FilestoreSyncStateFile.path(dir, "odoo");
        assertThat(Files.readString(file)).isEqualTo(resource("/odoodr/filestore/sync/state-file.json"));
        var state = FilestoreSyncStateFile.read(file).orElseThrow();
        assertThat(state.backlog()).isEqualTo(4);
        assertThat(state.missingOnProd()).isEqualTo(1);
        assertThat(state.corruptOnProd()).containsExactly("cd/cd34");
        assertThat(state.lastError()).isEqualTo("rsync exited 23: \"x\"");
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = SyncStatusFileTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
