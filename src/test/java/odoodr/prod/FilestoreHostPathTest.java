package odoodr.prod;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding the prod host directory of Odoo's filestore through the container's mounts. */
class FilestoreHostPathTest {

    @Test
    void namedVolumeAtTheDataDir() {
        ContainerInfo odoo = InspectSamples.named(InspectSamples.ODOO_LOOPBACK_DB, "odoo-prod");

        assertThat(odoo.odooDataDir()).isEqualTo("/var/lib/odoo");
        assertThat(odoo.filestoreHostPath())
                .contains(Path.of("/var/lib/docker/volumes/deploy_odoo-web-data/_data/filestore"));
    }

    @Test
    void bindMountAtTheDataDir() {
        ContainerInfo odoo = InspectSamples.named(InspectSamples.ODOO_TAIJI, "wuchang_os_odoo_18");

        assertThat(odoo.filestoreHostPath())
                .contains(Path.of("/home/taiji_01/Taiji_Hub/Taiji_Odoo/odoo_data/filestore"));
    }

    @Test
    void filestoreMountedDirectly() {
        ContainerInfo odoo = InspectSamples.inline(true, """
                "Mounts": [{"Type": "bind", "Source": "/srv/odoo/filestore",
                            "Destination": "/var/lib/odoo/filestore/", "Mode": "", "RW": true, "Propagation": "rprivate"}]""");

        assertThat(odoo.filestoreHostPath()).contains(Path.of("/srv/odoo/filestore"));
    }

    @Test
    void deeperMountWinsOverTheDataDirMount() {
        ContainerInfo odoo = InspectSamples.inline(true, """
                "Mounts": [
                  {"Type": "volume", "Name": "odoo_web", "Source": "/var/lib/docker/volumes/odoo_web/_data",
                   "Destination": "/var/lib/odoo", "Driver": "local", "Mode": "z", "RW": true, "Propagation": ""},
                  {"Type": "bind", "Source": "/mnt/nas/filestore", "Destination": "/var/lib/odoo/filestore",
                   "Mode": "", "RW": true, "Propagation": "rprivate"}]""");

        assertThat(odoo.filestoreHostPath()).contains(Path.of("/mnt/nas/filestore"));
    }

    @Test
    void parentDirectoryMount() {
        ContainerInfo odoo = InspectSamples.inline(true, """
                "Mounts": [{"Type": "bind", "Source": "/data/varlib", "Destination": "/var/lib",
                            "Mode": "", "RW": false, "Propagation": "rprivate"}]""");

        assertThat(odoo.filestoreHostPath()).contains(Path.of("/data/varlib/odoo/filestore"));
        assertThat(odoo.mounts().get(0).rw()).isFalse();
    }

    @Test
    void dataDirFromTheCommandLine() {
        ContainerInfo odoo = InspectSamples.inline(true, """
                "Args": ["odoo", "--data-dir", "/opt/odoo/data"],
                "Mounts": [{"Type": "volume", "Name": "d", "Source": "/var/lib/docker/volumes/d/_data",
                            "Destination": "/opt/odoo/data", "Driver": "local", "Mode": "z", "RW": true}]""");

        assertThat(odoo.odooDataDir()).isEqualTo("/opt/odoo/data");
        assertThat(odoo.filestoreHostPath()).contains(Path.of("/var/lib/docker/volumes/d/_data/filestore"));
        assertThat(odoo.filestoreHostPath("/var/lib/odoo")).isEmpty();
    }

    @Test
    void shortDataDirOption() {
        ContainerInfo odoo = InspectSamples.inline(true, """
                "Args": ["-D/srv/data"]""");

        assertThat(odoo.odooDataDir()).isEqualTo("/srv/data");
    }

    @Test
    void containerWithoutMountsHasNoFilestoreOnTheHost() {
        assertThat(InspectSamples.only(InspectSamples.DOCKER_JAVA_BUSYBOX).filestoreHostPath()).isEmpty();
        assertThat(InspectSamples.only(InspectSamples.WATCHTOWER_UNPUBLISHED).filestoreHostPath()).isEmpty();
        assertThat(InspectSamples.only(InspectSamples.DOCKER_JAVA_LEGACY).mounts()).isEmpty();
    }

    @Test
    void unrelatedMountsDoNotMatch() {
        ContainerInfo redis = InspectSamples.only(InspectSamples.SPRING_BOOT_BRIDGE);
        ContainerInfo odoo = InspectSamples.inline(true, """
                "Mounts": [{"Type": "bind", "Source": "/srv/odoo-data", "Destination": "/var/lib/odoo-data",
                            "Mode": "", "RW": true, "Propagation": "rprivate"}]""");

        assertThat(redis.filestoreHostPath()).isEmpty();
        assertThat(odoo.filestoreHostPath()).as("/var/lib/odoo-data is not below /var/lib/odoo").isEmpty();
    }

    @Test
    void tmpfsHasNoHostDirectory() {
        ContainerInfo odoo = InspectSamples.inline(true, """
                "Mounts": [{"Type": "tmpfs", "Source": "", "Destination": "/var/lib/odoo", "Mode": "",
                            "RW": true, "Propagation": ""}]""");

        assertThat(odoo.filestoreHostPath()).isEmpty();
    }

    @Test
    void hostPathOfAnyContainerPath() {
        ContainerInfo db = InspectSamples.named(InspectSamples.ODOO_LOOPBACK_DB, "deploy-db-1");

        assertThat(db.hostPathOf("/var/lib/postgresql/data/pg_wal"))
                .contains(Path.of("/var/lib/docker/volumes/deploy_odoo-db-data/_data/pg_wal"));
        assertThat(db.hostPathOf("/etc/postgresql")).isEmpty();
    }
}
