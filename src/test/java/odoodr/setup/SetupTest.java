package odoodr.setup;

import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.process.ProcessRunner;
import odoodr.runbook.SetupContext;
import odoodr.runbook.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which steps a setup run walks, by the parts asked for and the config (no step runs here). */
class SetupTest {
    static final String WITH_FILESTORE = """
            prod:
              ssh:
                host: prod.example.com
              filestore_path: /srv/odoo/filestore
            databases: [odoo, shop]
            """;
    static final String WITHOUT_FILESTORE = """
            prod:
              ssh:
                host: prod.example.com
            """;

    @Test
    void theWholeSetupIsTheDatabaseThenEachDatabasesFilestore() {
        List<String> ids = ids(WITH_FILESTORE, Optional.empty());
        assertThat(ids).startsWith(ids(WITH_FILESTORE, Optional.of(Setup.Part.DATABASE)).toArray(String[]::new));
        assertThat(ids).endsWith(ids(WITH_FILESTORE, Optional.of(Setup.Part.FILESTORE)).toArray(String[]::new));
        assertThat(ids).hasSize(DatabaseSetup.steps().size() + FilestoreSetup.steps(config(WITH_FILESTORE)).size());
        assertThat(ids).contains("base-backup").anyMatch(id -> id.contains("shop"));
    }

    @Test
    void withoutAFilestorePathOnlyTheDatabaseIsSetUp() {
        assertThat(ids(WITHOUT_FILESTORE, Optional.empty()))
                .isEqualTo(ids(WITHOUT_FILESTORE, Optional.of(Setup.Part.DATABASE)));
    }

    @Test
    void onlyDatabaseLeavesTheFilestoreOutEvenWhenConfigured() {
        assertThat(ids(WITH_FILESTORE, Optional.of(Setup.Part.DATABASE)))
                .hasSize(DatabaseSetup.steps().size())
                .noneMatch(id -> id.contains("shop"));
    }

    /** Issue 12: {@code setup --only database} noted "prod.filestore_path is not set" for a config that sets it. */
    @Test
    void theNoteThatTheFilestorePathIsUnsetIsOnlyForAWholeSetupWithoutIt() {
        assertThat(Setup.filestoreUnconfigured(config(WITH_FILESTORE), Optional.of(Setup.Part.DATABASE))).isFalse();
        assertThat(Setup.filestoreUnconfigured(config(WITH_FILESTORE), Optional.empty())).isFalse();
        assertThat(Setup.filestoreUnconfigured(config(WITHOUT_FILESTORE), Optional.of(Setup.Part.DATABASE))).isFalse();
        assertThat(Setup.filestoreUnconfigured(config(WITHOUT_FILESTORE), Optional.empty())).isTrue();
    }

    static List<String> ids(String yaml, Optional<Setup.Part> only) {
        try (SetupContext ctx = new SetupContext(config(yaml), Path.of("/etc/odoo-dr/odoo-dr.yaml"),
                new ProcessRunner(), () -> null)) {
            return Setup.steps(ctx, only).stream().map(Step::id).toList();
        }
    }

    static Config config(String yaml) {
        return new ConfigLoader(() -> "prd-vnic").parse(yaml, "/etc/odoo-dr/odoo-dr.yaml");
    }
}
