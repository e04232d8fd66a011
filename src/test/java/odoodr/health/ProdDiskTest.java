package odoodr.health;

import odoodr.config.HealthConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Prod's free disk: df's output as the monitor key's forced command prints it, what ssh's failures mean, the row. */
class ProdDiskTest {
    private static final Path DOCKER = Path.of("/var/lib/docker");
    private static final String HEADER = "Filesystem         1-blocks        Used   Available Capacity Mounted on\n";

    @Test
    void dfLineIsReadFromTheMiddleOut() {
        DiskSample d = DfOutput.parse(HEADER + "/dev/vda       270553174016 23847112704 85097181184      22% /\n", DOCKER)
                .orElseThrow();
        assertThat(d.path()).isEqualTo(DOCKER);
        assertThat(d.measuredAt()).isEqualTo(Path.of("/"));
        assertThat(d.usableBytes()).isEqualTo(85097181184L);
        assertThat(d.totalBytes()).isEqualTo(270553174016L);
    }

    @Test
    void spacesInDeviceAndMountPointAndATranslatedHeader() {
        String fr = "Sys. de fichiers  blocs de 1 Utilisé Disponible Capacité Monté sur\n";
        DiskSample d = DfOutput.parse(fr + "odrlab-x docker  1073741824  0  1073741824  0% /var/lib/my docker\n", DOCKER)
                .orElseThrow();
        assertThat(d.measuredAt()).isEqualTo(Path.of("/var/lib/my docker"));
        assertThat(d.freeRatio()).isEqualTo(1.0);
        // a full disk with root's reserve: df shows no negative available, but a foreign one might
        assertThat(DfOutput.parse(HEADER + "/dev/sda1 100 100 -5 100% /\n", DOCKER).orElseThrow().usableBytes()).isZero();
    }

    @Test
    void anythingButDfIsRefused() {
        assertThat(DfOutput.parse("", DOCKER)).isEmpty();
        assertThat(DfOutput.parse("uid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu)\n", DOCKER)).isEmpty();
        assertThat(DfOutput.parse(HEADER, DOCKER)).isEmpty();
        assertThat(DfOutput.parse(HEADER + "/dev/vda 0 0 0 - /\n", DOCKER)).isEmpty();
        assertThat(DfOutput.parse(HEADER + "/dev/vda 1 2 3 4% /\n/dev/vdb 1 2 3 4% /x\n", DOCKER)).isEmpty();
        assertThat(DfOutput.parse(HEADER + "/dev/vda 99999999999999999999 1 1 1% /\n", DOCKER)).isEmpty();
    }

    @Test
    void sshFailuresSayWhatToDo() {
        Measured<DiskSample> unreachable = LiveProbes.prodDisk(255, "",
                "ssh: connect to host 10.0.0.7 port 22: Connection timed out\n", DOCKER);
        assertThat(unreachable.failure()).isEqualTo("prod unreachable: ssh: connect to host 10.0.0.7 port 22: Connection timed out");
        assertThat(unreachable.hint()).contains("network");

        Measured<DiskSample> denied = LiveProbes.prodDisk(255, "", "ubuntu@10.0.0.7: Permission denied (publickey).\n", DOCKER);
        assertThat(denied.failure()).startsWith("the monitor key is not authorised on prod");
        assertThat(denied.hint()).isEqualTo("run odoo-dr setup --only database");

        Measured<DiskSample> hostKey = LiveProbes.prodDisk(255, "", "Host key verification failed.\n", DOCKER);
        assertThat(hostKey.failure()).contains("host key differs").contains("/var/lib/postgresql/.ssh/known_hosts");

        Measured<DiskSample> noPath = LiveProbes.prodDisk(1, "", "df: /var/lib/docker: No such file or directory\n", DOCKER);
        assertThat(noPath.failure()).isEqualTo("df /var/lib/docker on prod failed: df: /var/lib/docker: No such file or directory");
        assertThat(noPath.hint()).contains("prod.data_disk_path");

        Measured<DiskSample> shell = LiveProbes.prodDisk(0, "uid=1000(ubuntu) gid=1000(ubuntu)\n", "", DOCKER);
        assertThat(shell.failure()).isEqualTo("prod's answer is not df's output: uid=1000(ubuntu) gid=1000(ubuntu)");

        Measured<DiskSample> ok = LiveProbes.prodDisk(0, HEADER + "tmpfs 1000 900 100 90% /var/lib/docker\n", "", DOCKER);
        assertThat(ok.sample().freeRatio()).isEqualTo(0.1);
    }

    @Test
    void judgedByTheDiskFreeThresholds() {
        HealthConfig h = HealthConfig.DEFAULTS; // warning at 10 %, critical at 5 %
        assertThat(row(50, h).status()).isEqualTo(CheckStatus.OK);
        assertThat(row(50, h).hint()).isNull();
        assertThat(row(8, h).status()).isEqualTo(CheckStatus.WARNING);
        HealthCheck critical = row(4, h);
        assertThat(critical.status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(critical.id()).isEqualTo("prod_disk_free");
        assertThat(critical.value().unit()).isEqualTo(Unit.RATIO);
        assertThat(critical.value().value()).isEqualTo(0.04);
        assertThat(critical.value().thresholds()).isEqualTo(Thresholds.below(0.10, 0.05));
        assertThat(critical.detail()).isEqualTo("4 bytes (0.0 GB) free of 100 bytes (0.0 GB) on prod's file system of"
                + " /var/lib/docker (mounted on /)");
        assertThat(critical.hint()).contains("prod's PostgreSQL stops", "max_slot_wal_keep_size");

        HealthCheck unknown = DiskFreeCheck.evaluateProd(Measured.failed("the monitor key /k is not set up",
                "run odoo-dr setup --only database"), h);
        assertThat(unknown.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(unknown.value()).isNull();
        assertThat(unknown.hint()).isEqualTo("run odoo-dr setup --only database");
    }

    private static HealthCheck row(long freePercent, HealthConfig h) {
        return DiskFreeCheck.evaluateProd(Measured.of(new DiskSample(DOCKER, Path.of("/"), freePercent, 100)), h);
    }
}
