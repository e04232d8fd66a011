package odoodr.standby;

import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StandbyArchiveSettingsTest {
    private static Config config(String archive) {
        return new ConfigLoader(() -> "prd-vnic").parse("replica: {name: prd-vnic}\nprod:\n  ssh: {host: prod.example.com}\n"
                + "postgres: {cluster: main}\n" + archive, "/etc/odoo-dr/odoo-dr.yaml");
    }

    @Test
    void withTheArchiveOnTheStandbyArchivesAlwaysThroughBasicArchiveIntoWal() {
        String conf = StandbyConfigStep.render(config("archive: {enabled: true, directory: /srv/dr-archive}\n"), Map.of());
        assertThat(conf).contains("archive_mode = always", "archive_library = 'basic_archive'",
                "basic_archive.archive_directory = '/srv/dr-archive/wal'");
        assertThat(ArchivingActiveStep.expected(config("archive: {enabled: true}\n")))
                .isEqualTo("always basic_archive /var/lib/odoo-dr/archive/main/wal");
    }

    @Test
    void withTheArchiveOffNothingArchivesAndSetupExpectsArchiveModeOff() {
        assertThat(StandbyConfigStep.render(config(""), Map.of())).doesNotContain("archive");
        assertThat(StandbyConfigStep.render(config("archive: {enabled: false}\n"), Map.of())).doesNotContain("archive");
        assertThat(ArchivingActiveStep.expected(config("archive: {enabled: false}\n"))).isEqualTo("off");
    }

    @Test
    void anArchiveInsideTheDataDirectoryOrTheMirrorIsRefused() {
        Path data = Path.of("/var/lib/postgresql/15/main");
        Path mirror = Path.of("/var/lib/odoo/filestore");
        assertThat(StandbyArchiveStep.overlap(data.resolve("archive"), data, mirror)).get().asString()
                .contains("data directory");
        assertThat(StandbyArchiveStep.overlap(mirror.resolve("odoo/../x"), data, mirror)).get().asString()
                .contains("filestore mirror");
        assertThat(StandbyArchiveStep.overlap(Path.of("/var/lib/postgresql"), data, mirror)).as("a parent of it")
                .isPresent();
        assertThat(StandbyArchiveStep.overlap(Path.of("/var/lib/odoo-dr/archive/main"), data, mirror)).isEmpty();
    }

    @Test
    void thePeerLoginMapsPostgresToTheReplicationRoleForReplicationOnly() {
        Config c = config("archive: {enabled: true}\n");
        assertThat(ArchivePeerAccess.hbaLine(c)).startsWith("local replication " + c.postgres().replicationUser()
                + " peer map=" + ArchivePeerAccess.MAP);
        assertThat(ArchivePeerAccess.identLine(c)).startsWith(ArchivePeerAccess.MAP + " postgres "
                + c.postgres().replicationUser());
    }
}
