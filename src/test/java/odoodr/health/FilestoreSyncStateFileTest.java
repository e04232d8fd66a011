package odoodr.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilestoreSyncStateFileTest {
    @Test
    void roundTripsInTheDocumentedFormat(@TempDir Path dir) throws IOException {
        FilestoreSyncState state = new FilestoreSyncState("odoo", Instant.parse("2025-11-25T19:40:12Z"),
                Instant.parse("2025-11-25T19:40:17Z"), "rsync exited 23: \"x\"", 3, 1);
        Path file = FilestoreSyncStateFile.path(dir, "odoo");
        assertThat(file).hasFileName("filestore-odoo.json");
        FilestoreSyncStateFile.write(file, state);
        assertThat(Files.readString(file)).isEqualTo("""
                {
                  "schema": 1,
                  "database": "odoo",
                  "last_success": "2025-11-25T19:40:12Z",
                  "last_attempt": "2025-11-25T19:40:17Z",
                  "last_error": "rsync exited 23: \\"x\\"",
                  "backlog": 3,
                  "missing_on_prod": 1,
                  "corrupt_on_prod": []
                }
                """);
        assertThat(FilestoreSyncStateFile.read(file)).contains(state);
        odoodr.config.Config config = odoodr.config.ConfigLoader.loadString(
                "replica:\n  name: prd-vnic\nprod:\n  ssh:\n    host: prod.example.com\n", "test.yaml");
        assertThat(FilestoreSyncStateFile.path(FilestoreSyncStateFile.directory(config), "odoo"))
                .as("per replica, so two replicas of same-named databases never share it")
                .isEqualTo(Path.of("/var/lib/odoo-dr/prd-vnic/filestore-odoo.json"));
    }

    @Test
    void corruptFilesOnProdRoundTripByNameAndAnOlderStateWithoutThemHasNone(@TempDir Path dir) throws IOException {
        FilestoreSyncState state = new FilestoreSyncState("odoo", null, Instant.parse("2025-11-25T19:40:17Z"), null, 2, 0,
                java.util.List.of("ab/ab12", "cd/cd34"));
        Path file = FilestoreSyncStateFile.path(dir, "odoo");
        FilestoreSyncStateFile.write(file, state);
        assertThat(FilestoreSyncStateFile.read(file)).contains(state);
        assertThat(FilestoreSyncStateFile.parse("{\"schema\":1,\"database\":\"odoo\",\"backlog\":0,\"missing_on_prod\":0}")
                .corruptOnProd()).isEmpty();
        assertThatThrownBy(() -> FilestoreSyncStateFile.parse("{\"schema\":1,\"database\":\"odoo\",\"backlog\":0,"
                + "\"missing_on_prod\":0,\"corrupt_on_prod\":[1]}")).hasMessage("corrupt_on_prod must be a list of store_fnames");
    }

    @Test
    void absentFileMeansTheSyncHasNotRun(@TempDir Path dir) throws IOException {
        assertThat(FilestoreSyncStateFile.read(dir.resolve("filestore-odoo.json"))).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnoredNullsAccepted() throws IOException {
        FilestoreSyncState s = FilestoreSyncStateFile.parse("{\"schema\":1,\"database\":\"odoo\",\"last_success\":null,"
                + "\"last_attempt\":null,\"last_error\":null,\"backlog\":0,\"missing_on_prod\":0,\"files_total\":12}");
        assertThat(s.lastSuccess()).isNull();
        assertThat(s.findLastError()).isEmpty();
    }

    @Test
    void malformedStateIsAnErrorWithTheReason() {
        assertThatThrownBy(() -> FilestoreSyncStateFile.parse("{\"schema\":2}")).hasMessage("schema is 2, expected 1");
        assertThatThrownBy(() -> FilestoreSyncStateFile.parse("[1]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> FilestoreSyncStateFile.parse("{\"schema\":1,\"database\":\"odoo\",\"backlog\":-1,"
                + "\"missing_on_prod\":0}")).hasMessage("backlog must be a number of attachments");
        assertThatThrownBy(() -> FilestoreSyncStateFile.parse("{\"schema\":1,\"database\":\"odoo\",\"last_success\":\"yesterday\","
                + "\"backlog\":0,\"missing_on_prod\":0}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> FilestoreSyncStateFile.parse("{")).hasMessage("not valid JSON");
    }
}
