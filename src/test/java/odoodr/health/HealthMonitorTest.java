package odoodr.health;

import odoodr.config.PgEndpoint;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.postgres.Lsn;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HealthMonitorTest {
    static final PgEndpoint TUNNEL = PgEndpoint.unixSocket(Path.of("/run/odoo-dr/tunnel-40000"), 40000);
    private static final Instant NOW = Instant.parse("2025-11-25T19:40:12Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Lsn AT = Lsn.parse("0/3000148");
    private static final String WITH_FILESTORE = """
            replica: {name: prd-vnic}
            prod:
              ssh: {host: prod.example.com}
              filestore_path: /var/lib/docker/volumes/odoo_data/_data/filestore
            databases: [odoo, odoo_test]
            """;

    private static Config config(String yaml) {
        return new ConfigLoader(() -> "prd-vnic").parse(yaml, "/etc/odoo-dr/odoo-dr.yaml");
    }

    /** Probes of a healthy replica; each test breaks what it needs. */
    static class FakeProbes implements HealthProbes {
        final List<String> calls = new ArrayList<>();
        TunnelSample tunnel = new TunnelSample(true, true, TUNNEL, Path.of("/var/log/odoo-dr/tunnel-40000.log"));
        Measured<StandbySample> standby = Measured.of(new StandbySample("15/main", Path.of("/x.log"), true, "streaming",
                "127.0.0.1:40000", AT, AT, 600.0, 0.5));
        Measured<PrimarySample> primary = Measured.of(new PrimarySample("prd-vnic_replica", "replica_prd_vnic",
                new PrimarySample.ReplicationRow("streaming", "async", 0L),
                new PrimarySample.SlotRow(true, 1024L, "reserved", null), -1L));
        Measured<DiskSample> disk = Measured.of(new DiskSample(Path.of("/var/lib/postgresql/15/main"),
                Path.of("/var/lib/postgresql/15/main"), 50L << 30, 100L << 30));
        Measured<DiskSample> prodDisk = Measured.of(new DiskSample(Path.of("/var/lib/docker"), Path.of("/"),
                12L << 30, 100L << 30));
        Measured<Optional<FilestoreSyncState>> filestore = Measured.of(Optional.empty());
        Measured<ArchiveSample> archive = Measured.failed("no archive in this test", null);

        @Override
        public TunnelSample tunnel() {
            calls.add("tunnel");
            return tunnel;
        }

        @Override
        public Measured<StandbySample> standby() {
            calls.add("standby");
            return standby;
        }

        @Override
        public Measured<PrimarySample> primary() {
            calls.add("primary");
            return primary;
        }

        @Override
        public Measured<ArchiveSample> archive() {
            calls.add("archive");
            return archive;
        }

        @Override
        public Measured<DiskSample> standbyDisk() {
            return disk;
        }

        @Override
        public Measured<DiskSample> filestoreDisk() {
            return disk;
        }

        @Override
        public Measured<DiskSample> prodDisk() {
            calls.add("prodDisk");
            return prodDisk;
        }

        @Override
        public Measured<Optional<FilestoreSyncState>> filestore(String database) {
            calls.add("filestore " + database);
            return filestore;
        }
    }

    @Test
    void healthyReplicaAllOkExceptAFilestoreSyncThatHasNotRun() {
        FakeProbes probes = new FakeProbes();
        HealthReport r = new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check();
        assertThat(r.replica()).isEqualTo("prd-vnic");
        assertThat(r.time()).isEqualTo(NOW);
        assertThat(r.checks()).extracting(HealthCheck::key).containsExactly("tunnel_up", "standby_in_recovery",
                "wal_receiver_streaming", "replay_lag", "replay_pending", "prod_streaming", "prod_replay_behind",
                "slot_active", "slot_retained", "slot_safe_wal_size", "prod_disk_free", "standby_disk_free",
                "filestore_disk_free",
                "filestore_sync_age/odoo", "filestore_backlog/odoo", "filestore_missing_on_prod/odoo",
                "filestore_sync_age/odoo_test", "filestore_backlog/odoo_test", "filestore_missing_on_prod/odoo_test");
        assertThat(r.checks().stream().filter(c -> !c.id().startsWith("filestore_") || c.id().equals("filestore_disk_free")))
                .extracting(HealthCheck::status).containsOnly(CheckStatus.OK);
        assertThat(r.checks().stream().filter(c -> c.database() != null))
                .allSatisfy(c -> {
                    assertThat(c.status()).isEqualTo(CheckStatus.UNKNOWN);
                    assertThat(c.detail()).isEqualTo("filestore sync has not run");
                });
        assertThat(r.overall()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(r.findValue("replay_lag")).hasValue(0.0);
    }

    @Test
    void withoutAFilestorePathThereAreNoFilestoreRows() {
        HealthReport r = new HealthMonitor(config("prod: {ssh: {host: prod.example.com}}\n"), new FakeProbes(), CLOCK).check();
        assertThat(r.checks()).noneMatch(c -> c.id().startsWith("filestore_"));
        assertThat(r.overall()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void aTunnelThatPassesNoTrafficIsNotUsedToAskProd() {
        FakeProbes probes = new FakeProbes();
        probes.tunnel = new TunnelSample(true, false, TUNNEL, Path.of("/var/log/odoo-dr/tunnel-40000.log"));
        HealthReport r = new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check();
        assertThat(probes.calls).doesNotContain("primary");
        assertThat(r.find("tunnel_up").orElseThrow().status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(r.find("prod_streaming").orElseThrow().detail()).isEqualTo("cannot ask prod: the tunnel passes no traffic to prod");
        assertThat(r.overall()).isEqualTo(CheckStatus.CRITICAL);
    }

    @Test
    void aProbeThatThrowsBecomesUnknownRowsNotAnException() {
        FakeProbes probes = new FakeProbes() {
            @Override
            public Measured<StandbySample> standby() {
                throw new DrException(ExitCode.PROCESS, "pg_lsclusters timed out", "is the machine overloaded?");
            }

            @Override
            public Measured<PrimarySample> primary() {
                throw new IllegalStateException("boom");
            }
        };
        HealthReport r = new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check();
        assertThat(r.find("standby_in_recovery").orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.UNKNOWN);
            assertThat(c.detail()).isEqualTo("pg_lsclusters timed out");
            assertThat(c.hint()).isEqualTo("is the machine overloaded?");
        });
        assertThat(r.find("slot_retained").orElseThrow().detail()).isEqualTo("internal error: java.lang.IllegalStateException: boom");
        assertThat(r.checks()).hasSize(19);
    }

    @Test
    void filestoreStateIsJudgedByAgeAndLastResult() {
        FakeProbes probes = new FakeProbes();
        probes.filestore = Measured.of(Optional.of(new FilestoreSyncState("odoo", NOW.minusSeconds(20 * 60),
                NOW.minusSeconds(5), "rsync exited 12", 7, 2)));
        HealthReport r = new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check();
        HealthCheck age = r.find("filestore_sync_age", "odoo").orElseThrow();
        assertThat(age.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(age.value().value()).isEqualTo(1200.0);
        assertThat(age.detail()).contains("the last pass failed: rsync exited 12");
        assertThat(r.find("filestore_backlog", "odoo").orElseThrow().value().value()).isEqualTo(7.0);
        assertThat(r.find("filestore_missing_on_prod", "odoo").orElseThrow().status()).isEqualTo(CheckStatus.WARNING);

        probes.filestore = Measured.of(Optional.of(new FilestoreSyncState("odoo", NOW.minusSeconds(30), NOW.minusSeconds(30), null, 0, 0)));
        HealthReport fresh = new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check();
        assertThat(fresh.overall()).isEqualTo(CheckStatus.OK);

        probes.filestore = Measured.of(Optional.of(new FilestoreSyncState("odoo", null, NOW.minusSeconds(30), "ssh refused", 10, 0)));
        assertThat(new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check().find("filestore_sync_age", "odoo")
                .orElseThrow().status()).isEqualTo(CheckStatus.CRITICAL);
    }

    @Test
    void aCorruptFileOnProdTurnsTheBacklogRowWarningAndNamesIt() {
        FakeProbes probes = new FakeProbes();
        List<String> corrupt = java.util.stream.IntStream.range(0, 7).mapToObj(i -> "0" + i + "/0" + i + "ff").toList();
        probes.filestore = Measured.of(Optional.of(new FilestoreSyncState("odoo", NOW.minusSeconds(5), NOW.minusSeconds(5),
                null, 9, 0, corrupt)));
        HealthCheck backlog = new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check()
                .find("filestore_backlog", "odoo").orElseThrow();
        assertThat(backlog.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(backlog.value().value()).isEqualTo(9.0);
        assertThat(backlog.detail()).contains("7 of them arrived with other bytes than their checksum",
                "00/00ff, 01/01ff, 02/02ff, 03/03ff, 04/04ff and 2 more");
        assertThat(backlog.hint()).startsWith("put these files right on prod");
    }

    @Test
    void prodDiskIsARowAndWeighsTheSlotsWalInItsHints() {
        FakeProbes probes = new FakeProbes();
        probes.primary = Measured.of(new PrimarySample("prd-vnic_replica", "replica_prd_vnic",
                new PrimarySample.ReplicationRow("streaming", "async", 0L),
                new PrimarySample.SlotRow(false, 3L << 30, "extended", null), -1L));
        HealthReport r = new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check();
        assertThat(probes.calls).containsSubsequence("tunnel", "standby", "prodDisk", "primary");
        HealthCheck disk = r.find("prod_disk_free").orElseThrow();
        assertThat(disk.status()).isEqualTo(CheckStatus.OK);
        assertThat(disk.value().value()).isEqualTo(0.12);
        assertThat(disk.detail()).isEqualTo("12884901888 bytes (12.0 GB) free of 107374182400 bytes (100.0 GB) on"
                + " prod's file system of /var/lib/docker (mounted on /)");
        assertThat(r.find("slot_retained").orElseThrow().hint())
                .startsWith("the slot keeps 3.0 GB; prod has 12.0 GB free on /var/lib/docker; prod keeps this WAL");
        assertThat(r.find("slot_safe_wal_size").orElseThrow().hint())
                .startsWith("the slot keeps 3.0 GB; prod has 12.0 GB free on /var/lib/docker; to cap it");

        probes.prodDisk = Measured.failed("prod unreachable: Connection timed out", "check the network");
        probes.primary = Measured.failed("the tunnel passes no traffic to prod", null);
        HealthReport cut = new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check();
        assertThat(cut.find("prod_disk_free").orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.UNKNOWN);
            assertThat(c.detail()).isEqualTo("prod unreachable: Connection timed out");
            assertThat(c.hint()).isEqualTo("check the network");
        });
        assertThat(cut.find("slot_retained").orElseThrow().hint()).doesNotContain("prod has");
    }

    @Test
    void aProdDiskProbeThatThrowsIsAnUnknownRowAndTheSlotRowsStillCome() {
        FakeProbes probes = new FakeProbes() {
            @Override
            public Measured<DiskSample> prodDisk() {
                throw new IllegalStateException("boom");
            }
        };
        HealthReport r = new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check();
        assertThat(r.find("prod_disk_free").orElseThrow().status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(r.find("slot_retained").orElseThrow().status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void registeredSecretsNeverReachTheReport() {
        odoodr.process.Redactor.register("s3cr3t-for-health-test");
        FakeProbes probes = new FakeProbes();
        probes.primary = Measured.failed("FATAL: password s3cr3t-for-health-test rejected", null);
        HealthReport r = new HealthMonitor(config(WITH_FILESTORE), probes, CLOCK).check();
        assertThat(r.find("prod_streaming").orElseThrow().detail()).doesNotContain("s3cr3t").contains("<masked>");
    }
}
