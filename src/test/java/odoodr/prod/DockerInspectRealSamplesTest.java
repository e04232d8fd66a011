package odoodr.prod;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stored docker inspect sample parses, and the fields odoo-dr uses come out as docker printed them. */
class DockerInspectRealSamplesTest {
    static final java.util.List<String> ALL_SAMPLES = InspectSamples.ALL;

    @ParameterizedTest
    @FieldSource("ALL_SAMPLES")
    void everySampleParsesIntoNamedContainers(String sample) {
        assertThat(InspectSamples.parse(sample)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.id()).hasSizeGreaterThanOrEqualTo(12);
            assertThat(c.name()).isNotBlank().doesNotStartWith("/");
            assertThat(c.image()).isNotBlank();
            assertThat(c.status()).isNotBlank();
        });
    }

    @Test
    void composeRedisOnABridgeNetwork() {
        ContainerInfo redis = InspectSamples.only(InspectSamples.SPRING_BOOT_BRIDGE);

        assertThat(redis.id()).isEqualTo("f5af31dae7f665bd194ec7261bdc84e5df9c64753abb4a6cec6c33f7cf64c3fc");
        assertThat(redis.name()).isEqualTo("redis-docker-redis-1");
        assertThat(redis.image()).isEqualTo("redis:7.0");
        assertThat(redis.imageId()).startsWith("sha256:e79ba23e");
        assertThat(redis.running()).isTrue();
        assertThat(redis.status()).isEqualTo("running");
        assertThat(redis.networkMode()).isEqualTo("redis-docker_default");
        assertThat(redis.args()).containsExactly("redis-server");
        assertThat(redis.labels()).containsEntry("com.docker.compose.service", "redis")
                .containsEntry("com.docker.compose.project", "redis-docker");
        assertThat(redis.mounts()).containsExactly(new Mount("volume",
                "9edc7fa2fe6c9e8f67fd31a8649a4b5d7edbc9c1604462e04a5f35d6bfda87c3",
                "/var/lib/docker/volumes/9edc7fa2fe6c9e8f67fd31a8649a4b5d7edbc9c1604462e04a5f35d6bfda87c3/_data",
                "/data", true));
        assertThat(redis.publishedPorts()).containsExactly(
                new PortBinding(6379, "tcp", "0.0.0.0", 32770), new PortBinding(6379, "tcp", "::", 32770));
        assertThat(redis.networks()).containsExactly(
                new NetworkAttachment("redis-docker_default", "192.168.32.2", 20, "192.168.32.1"));
        assertThat(redis.env()).containsEntry("REDIS_VERSION", "7.0.8").hasSize(3);
    }

    @Test
    void hostNetworkContainerHasNoPublishedPortsAndNoGateway() {
        ContainerInfo redis = InspectSamples.only(InspectSamples.SPRING_BOOT_HOST_NETWORK);

        assertThat(redis.isHostNetwork()).isTrue();
        assertThat(redis.publishedPorts()).isEmpty();
        assertThat(redis.networks()).extracting(NetworkAttachment::name).containsExactly("host");
        assertThat(redis.gateways()).isEmpty();
    }

    @Test
    void stoppedContainerKeepsItsMountsAndState() {
        ContainerInfo watchtower = InspectSamples.only(InspectSamples.WATCHTOWER_STOPPED);

        assertThat(watchtower.running()).isFalse();
        assertThat(watchtower.status()).isEqualTo("exited");
        assertThat(watchtower.image()).isEqualTo("nickfedor/watchtower:latest");
        assertThat(watchtower.mounts()).containsExactly(
                new Mount("bind", "", "/var/run/docker.sock", "/var/run/docker.sock", true));
        assertThat(watchtower.publishedPorts()).isEmpty();
    }

    @Test
    void legacyDocker2015OutputWithoutMountsOrNetworksMap() {
        ContainerInfo jenkins = InspectSamples.only(InspectSamples.DOCKER_JAVA_LEGACY);

        assertThat(jenkins.name()).isEqualTo("desperate_babbage");
        assertThat(jenkins.image()).isEqualTo("jenkinsci/workflow-demo");
        assertThat(jenkins.status()).isEqualTo("running");
        assertThat(jenkins.mounts()).isEmpty();
        assertThat(jenkins.publishedPorts()).containsExactlyInAnyOrder(
                new PortBinding(8080, "tcp", "0.0.0.0", 8080), new PortBinding(8081, "tcp", "0.0.0.0", 8081));
        assertThat(jenkins.networks()).containsExactly(new NetworkAttachment("bridge", "172.17.0.2", 16, "172.17.42.1"));
    }

    @Test
    void odooAndPostgresOfOneComposeProjectInOneInspect() {
        var containers = InspectSamples.parse(InspectSamples.ODOO_LOOPBACK_DB);

        assertThat(containers).extracting(ContainerInfo::name).containsExactly("odoo-prod", "deploy-db-1");
        ContainerInfo odoo = containers.get(0);
        ContainerInfo db = containers.get(1);
        assertThat(odoo.image()).isEqualTo("odoo:18.0");
        assertThat(odoo.filestoreHostPath())
                .contains(Path.of("/var/lib/docker/volumes/deploy_odoo-web-data/_data/filestore"));
        assertThat(odoo.odooDatabaseHost()).contains("db");
        assertThat(db.image()).isEqualTo("postgres:15");
        assertThat(db.postgresHostPort()).hasValue(5432);
        assertThat(db.gateways()).containsExactly("172.20.0.1");
    }

    @Test
    void odooWithBindMountedDataAndUnpublishedPostgres() {
        ContainerInfo odoo = InspectSamples.named(InspectSamples.ODOO_TAIJI, "wuchang_os_odoo_18");
        ContainerInfo db = InspectSamples.named(InspectSamples.ODOO_TAIJI, "wuchang_os_pg");

        assertThat(odoo.filestoreHostPath())
                .contains(Path.of("/home/taiji_01/Taiji_Hub/Taiji_Odoo/odoo_data/filestore"));
        assertThat(db.postgresHostPort()).isEmpty();
        assertThat(db.publishedPorts()).isEmpty();
        assertThat(db.mounts()).extracting(Mount::name).containsExactly("taiji_odoo_odoo-db-data");
    }
}
