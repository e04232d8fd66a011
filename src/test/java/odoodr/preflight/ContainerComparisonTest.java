package odoodr.preflight;

import odoodr.config.ProdConfig;
import odoodr.config.ProdSshConfig;
import odoodr.prod.ContainerInfo;
import odoodr.prod.DockerInspect;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** docker inspect output (the samples of odoodr.prod's tests) held against the config. */
class ContainerComparisonTest {
    private static final Path WEB_DATA_FILESTORE = Path.of("/var/lib/docker/volumes/deploy_odoo-web-data/_data/filestore");

    static List<ContainerInfo> sample(String file) {
        try (InputStream in = ContainerComparisonTest.class.getResourceAsStream("/odoodr/prod/" + file)) {
            assertThat(in).as(file).isNotNull();
            return DockerInspect.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static ContainerInfo container(String file, String name) {
        return sample(file).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static ProdConfig prod(int pgPort, Path filestore) {
        return new ProdConfig(new ProdSshConfig("ubuntu", "prod.example.com", 22, Optional.empty(), Optional.empty(), Optional.empty()),
                pgPort, "odoo", Optional.empty(), Optional.ofNullable(filestore), Optional.of("odoo-prod"),
                ProdConfig.DEFAULT_DATA_DISK_PATH);
    }

    private final ContainerInfo odoo = container("odoo-compose-loopback-db-constructed.json", "odoo-prod");
    private final ContainerInfo db = container("odoo-compose-loopback-db-constructed.json", "deploy-db-1");

    @Test
    void theRunbooksDeploymentMatchesTheRightConfig() {
        ContainerComparison.Result r = ContainerComparison.compare(prod(5432, WEB_DATA_FILESTORE), odoo, Optional.of(db));
        assertThat(r.problems()).isEmpty();
        assertThat(String.join("; ", r.evidence()))
                .contains("container odoo-prod (odoo:18.0, running)")
                .contains("filestore " + WEB_DATA_FILESTORE + " = prod.filestore_path")
                .contains("PostgreSQL container deploy-db-1 published on 127.0.0.1:5432 = prod.pg_port");
    }

    @Test
    void aWrongFilestorePathIsBlockedWithTheDiscoveredOneAsHint() {
        ContainerComparison.Result r = ContainerComparison.compare(
                prod(5432, Path.of("/var/lib/docker/volumes/odoo_odoo-data/_data/filestore")), odoo, Optional.of(db));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("keeps its filestore in " + WEB_DATA_FILESTORE);
            assertThat(p.hint()).isEqualTo("set prod.filestore_path: " + WEB_DATA_FILESTORE);
        });
    }

    @Test
    void aTrailingSlashOrDotIsNotAMismatch() {
        assertThat(ContainerComparison.compare(prod(5432, Path.of(WEB_DATA_FILESTORE + "/./")), odoo, Optional.of(db))
                .problems()).isEmpty();
    }

    @Test
    void aWrongPgPortIsBlockedWithThePublishedOneAsHint() {
        ContainerComparison.Result r = ContainerComparison.compare(prod(5433, WEB_DATA_FILESTORE), odoo, Optional.of(db));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("prod.pg_port is 5433, but PostgreSQL container deploy-db-1 is published"
                    + " on prod's 127.0.0.1:5432");
            assertThat(p.hint()).isEqualTo("set prod.pg_port: 5432");
        });
    }

    @Test
    void bothMismatchesAreReportedTogether() {
        assertThat(ContainerComparison.compare(prod(6543, Path.of("/srv/elsewhere")), odoo, Optional.of(db)).problems())
                .hasSize(2);
    }

    @Test
    void namingThePostgresContainerComparesOnlyThePort() {
        ContainerComparison.Result r = ContainerComparison.compare(prod(5432, Path.of("/srv/any")), db, Optional.empty());
        assertThat(r.problems()).isEmpty();
        assertThat(String.join("; ", r.evidence())).doesNotContain("filestore").contains("= prod.pg_port");
    }

    @Test
    void postgresNotPublishedOnProdsLoopbackIsABlocker() {
        ContainerInfo taijiOdoo = container("odoo-compose-taiji-constructed.json", "wuchang_os_odoo_18");
        ContainerInfo taijiPg = container("odoo-compose-taiji-constructed.json", "wuchang_os_pg");
        ContainerComparison.Result r = ContainerComparison.compare(
                prod(5432, Path.of("/home/taiji_01/Taiji_Hub/Taiji_Odoo/odoo_data/filestore")), taijiOdoo,
                Optional.of(taijiPg));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("wuchang_os_pg does not publish its port 5432 on prod's 127.0.0.1")
                    .contains("the SSH tunnel cannot reach it");
            assertThat(p.hint()).contains("127.0.0.1:5432:5432");
        });
        // the bind-mounted data dir gives the filestore path
        assertThat(String.join("; ", r.evidence()))
                .contains("filestore /home/taiji_01/Taiji_Hub/Taiji_Odoo/odoo_data/filestore = prod.filestore_path");
    }

    @Test
    void withoutItsPostgresContainerThePortIsNotCompared() {
        ContainerComparison.Result r = ContainerComparison.compare(prod(5432, null), odoo, Optional.empty());
        assertThat(r.problems()).isEmpty();
        assertThat(String.join("; ", r.evidence()))
                .contains("prod.filestore_path is not set: set it to " + WEB_DATA_FILESTORE)
                .contains("its PostgreSQL (host db) is not a container found here: prod.pg_port not compared");
    }

    @Test
    void tellsPostgresContainersFromOthers() {
        assertThat(ContainerComparison.looksLikePostgres(db)).isTrue();
        assertThat(ContainerComparison.looksLikePostgres(odoo)).isFalse();
        assertThat(ContainerComparison.looksLikePostgres(
                container("odoo-compose-taiji-constructed.json", "wuchang_os_pg"))).isTrue();
        assertThat(sample("spring-boot-redis-compose-bridge.json")).noneMatch(ContainerComparison::looksLikePostgres);
        assertThat(sample("spring-boot-redis-host-network.json")).noneMatch(ContainerComparison::looksLikePostgres);
    }
}
