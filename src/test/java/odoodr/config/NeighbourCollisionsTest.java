package odoodr.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Two prods' configs on one replica host: what they may not share, and that distinct ones share nothing. */
class NeighbourCollisionsTest {
    private static Config config(String name, int tunnel, String cluster, int port, String listen, String mirror,
                                 String archive) {
        return ConfigFixture.load("""
                replica: {name: %s, tunnel_port: %d}
                prod:
                  ssh: {host: prod-%s.example.com}
                  filestore_path: /var/lib/odoo/filestore
                postgres: {cluster: %s, port: %d}
                filestore: {local_base: %s}
                agent: {listen: "%s"}
                archive: {enabled: true, directory: %s}
                """.formatted(name, tunnel, name, cluster, port, mirror, listen, archive));
    }

    private static final Config SHOP_A = config("dr-a", 40000, "shop_a", 5433, "127.0.0.1:9187",
            "/srv/mirror/a", "/srv/archive/a");

    private static List<String> keys(Config other) {
        return NeighbourCollisions.between(SHOP_A, other).stream().map(NeighbourCollisions.Collision::key).toList();
    }

    @Test
    void distinctConfigsShareNothing() {
        assertThat(keys(config("dr-b", 40001, "shop_b", 5434, "127.0.0.1:9188", "/srv/mirror/b", "/srv/archive/b")))
                .isEmpty();
    }

    @Test
    void everySharedResourceIsNamed() {
        assertThat(keys(SHOP_A)).containsExactly(ConfigKeys.REPLICA_NAME, ConfigKeys.REPLICA_TUNNEL_PORT,
                ConfigKeys.POSTGRES_CLUSTER, ConfigKeys.POSTGRES_PORT, ConfigKeys.AGENT_LISTEN,
                ConfigKeys.FILESTORE_LOCAL_BASE, ConfigKeys.ARCHIVE_DIRECTORY);
    }

    @Test
    void portsCollideAcrossKindsAndWildcardAddresses() {
        // b's standby port is a's agent port, and b's agent listens on all addresses on a's standby port
        List<NeighbourCollisions.Collision> found = NeighbourCollisions.between(SHOP_A,
                config("dr-b", 40001, "shop_b", 9187, "0.0.0.0:5433", "/srv/mirror/b", "/srv/archive/b"));
        assertThat(found).extracting(NeighbourCollisions.Collision::describe)
                .containsExactly("postgres.port 5433 (its agent.listen)", "agent.listen 127.0.0.1:9187 (its postgres.port)");
        assertThat(keys(config("dr-b", 40001, "shop_b", 5434, "0.0.0.0:9187", "/srv/mirror/b", "/srv/archive/b")))
                .containsExactly(ConfigKeys.AGENT_LISTEN);
        assertThat(keys(config("dr-b", 40001, "shop_b", 5434, "127.0.0.2:9187", "/srv/mirror/b", "/srv/archive/b")))
                .isEmpty();
    }

    @Test
    void aDirectoryInsideTheOtherIsShared() {
        assertThat(keys(config("dr-b", 40001, "shop_b", 5434, "127.0.0.1:9188", "/srv/mirror/a/b", "/srv/archive")))
                .containsExactly(ConfigKeys.FILESTORE_LOCAL_BASE, ConfigKeys.ARCHIVE_DIRECTORY);
        assertThat(NeighbourCollisions.nested(java.nio.file.Path.of("/srv/mirror/ab"), java.nio.file.Path.of("/srv/mirror/a")))
                .as("a sibling with a common prefix is not inside").isFalse();
    }

    @Test
    void theSameClusterNameOfAnotherMajorIsAnotherCluster() {
        Config other = ConfigFixture.load("""
                replica: {name: dr-b, tunnel_port: 40001}
                prod: {ssh: {host: prod-b.example.com}}
                postgres: {major: 16, cluster: shop_a, port: 5434}
                agent: {listen: "127.0.0.1:9188"}
                """);
        assertThat(keys(other)).isEmpty();
    }
}
