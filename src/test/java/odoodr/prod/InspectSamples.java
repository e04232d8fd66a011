package odoodr.prod;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The docker inspect samples under src/test/resources/odoodr/prod (see README.md there for their origin). */
final class InspectSamples {
    static final String SPRING_BOOT_BRIDGE = "spring-boot-redis-compose-bridge.json";
    static final String SPRING_BOOT_HOST_NETWORK = "spring-boot-redis-host-network.json";
    static final String WATCHTOWER_STOPPED = "watchtower-stopped.json";
    static final String WATCHTOWER_UNPUBLISHED = "watchtower-compose-unpublished-ports.json";
    static final String DOCKER_JAVA_BUSYBOX = "docker-java-busybox-no-mounts.json";
    static final String DOCKER_JAVA_LEGACY = "docker-java-jenkins-legacy-2015.json";
    static final String ODOO_LOOPBACK_DB = "odoo-compose-loopback-db-constructed.json";
    static final String ODOO_TAIJI = "odoo-compose-taiji-constructed.json";

    static final List<String> ALL = List.of(SPRING_BOOT_BRIDGE, SPRING_BOOT_HOST_NETWORK, WATCHTOWER_STOPPED,
            WATCHTOWER_UNPUBLISHED, DOCKER_JAVA_BUSYBOX, DOCKER_JAVA_LEGACY, ODOO_LOOPBACK_DB, ODOO_TAIJI);

    private InspectSamples() {
    }

    static String read(String name) {
        try (InputStream in = InspectSamples.class.getResourceAsStream("/odoodr/prod/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource odoodr/prod/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ContainerInfo> parse(String name) {
        return DockerInspect.parse(read(name));
    }

    static ContainerInfo only(String name) {
        List<ContainerInfo> containers = parse(name);
        if (containers.size() != 1) {
            throw new IllegalStateException(name + " holds " + containers.size() + " containers");
        }
        return containers.get(0);
    }

    static ContainerInfo named(String sample, String containerName) {
        return parse(sample).stream().filter(c -> c.name().equals(containerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(sample + " has no container " + containerName));
    }

    /**
     * One container in docker inspect's shape with only the given fields besides Id, Name and State, for cases no
     * sample covers. {@code fields} is the JSON between the braces, without a leading comma.
     */
    static ContainerInfo inline(boolean running, String fields) {
        String json = "[{\"Id\": \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\","
                + " \"Name\": \"/inline\", \"State\": {\"Status\": \"" + (running ? "running" : "exited") + "\","
                + " \"Running\": " + running + "}" + (fields.isBlank() ? "" : ", " + fields) + "}]";
        return DockerInspect.parse(json).get(0);
    }
}
