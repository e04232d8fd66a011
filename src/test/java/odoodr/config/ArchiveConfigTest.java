package odoodr.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import odoodr.DrException;
import org.junit.jupiter.api.Test;

/** {@code archive:} off without the section, on in what init writes, every key settable, bad values at their line. */
class ArchiveConfigTest {
    @Test
    void withoutASectionThereIsNoArchiveAndTheDirectoryIsPerCluster() {
        Config c = ConfigFixture.load(ConfigFixture.MINIMAL);
        assertThat(c.archive()).isEqualTo(ArchiveConfig.DEFAULTS);
        assertThat(c.archive().enabled()).isFalse();
        assertThat(c.archive().retention()).isEqualTo(Duration.ofDays(14));
        assertThat(c.archive().baseBackupInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(c.archiveDirectory()).isEqualTo(Path.of("/var/lib/odoo-dr/archive/" + c.postgres().cluster()));
    }

    @Test
    void everyKeyCanBeSet() {
        String yaml = ConfigFixture.MINIMAL + """
                archive:
                  enabled: true
                  directory: /srv/pitr/odoo
                  retention: 7d
                  base_backup_interval: 12h
                """;
        Config c = ConfigFixture.load(yaml);
        assertThat(c.archive()).isEqualTo(new ArchiveConfig(true, Optional.of(Path.of("/srv/pitr/odoo")),
                Duration.ofDays(7), Duration.ofHours(12)));
        assertThat(c.archiveDirectory()).isEqualTo(Path.of("/srv/pitr/odoo"));
        assertThat(c.describe()).contains(new EffectiveSetting(ConfigKeys.ARCHIVE_RETENTION, "7d",
                ConfigFixture.FILE + ":" + ConfigFixture.lineOf(yaml, "retention")));
    }

    @Test
    void badValuesAreErrorsAtTheirLine() {
        String relative = ConfigFixture.MINIMAL + "archive:\n  directory: pitr\n";
        assertThat(ConfigFixture.loadFailsAt(relative, "archive.directory", ConfigFixture.lastLine(relative))
                .getMessage()).contains("pitr");
        String noUnit = ConfigFixture.MINIMAL + "archive:\n  retention: 14\n";
        DrException e = ConfigFixture.loadFailsAt(noUnit, "archive.retention", ConfigFixture.lastLine(noUnit));
        assertThat(e.getMessage()).contains("no unit");
        String zero = ConfigFixture.MINIMAL + "archive:\n  base_backup_interval: 0s\n";
        ConfigFixture.loadFailsAt(zero, "archive.base_backup_interval", ConfigFixture.lastLine(zero));
        String root = ConfigFixture.MINIMAL + "archive:\n  directory: /\n";
        ConfigFixture.loadFailsAt(root, "archive.directory", ConfigFixture.lastLine(root));
    }

    @Test
    void initWritesTheArchiveOnWithItsDefaults() {
        Config c = ConfigFixture.load(ConfigTemplate.render(Map.of(ConfigKeys.PROD_SSH_HOST, "prod.example.com"),
                "replica1"));
        assertThat(c.archive().enabled()).isTrue();
        assertThat(c.archive().directory()).isEmpty();
        assertThat(c.archive().retention()).isEqualTo(ArchiveConfig.DEFAULT_RETENTION);
    }
}
