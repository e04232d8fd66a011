package odoodr.prod;

import odoodr.DrException;
import odoodr.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the output of {@code docker inspect <container>...} (a JSON array with one object per container) into
 * {@link ContainerInfo}s.
 * <p>
 * JSON is read with snakeyaml-engine (YAML 1.2 is a superset of JSON). Error messages never quote the input:
 * {@code Config.Env} holds passwords.
 */
public final class DockerInspect {
    private static final Logger LOG = LoggerFactory.getLogger(DockerInspect.class);

    /** Generous: one container is 5-20 KB; the point is only to refuse absurd input. */
    private static final int MAX_CODE_POINTS = 32 * 1024 * 1024;

    private static final String HINT_RUN_BY_HAND = "run 'sudo docker inspect <container>' on the prod host by hand;"
            + " odoo-dr needs its plain JSON output (no --format), with nothing else mixed into stdout";

    private DockerInspect() {
    }

    /**
     * @param json the complete stdout of {@code docker inspect}
     * @return the containers, in the order docker printed them; never empty
     * @throws DrException (PRECONDITION) when the output is empty, "[]" (no such container), not JSON, not an
     *                     array, or describes something other than containers (an image, volume or network)
     */
    public static List<ContainerInfo> parse(String json) {
        if (json == null || json.isBlank()) {
            throw new DrException(ExitCode.PRECONDITION, "docker inspect printed nothing",
                    "check that the container exists with 'sudo docker ps -a' on the prod host;"
                            + " docker inspect reports an unknown name on stderr ('No such object')");
        }
        String text = json.strip();
        text = text.startsWith("\uFEFF") ? text.substring(1).strip() : text;
        char first = text.isEmpty() ? ' ' : text.charAt(0);
        if (first != '[') {
            // checked before parsing: YAML would read "Error: No such object: x" as a mapping, and '{' is a lone object
            throw new DrException(ExitCode.PRECONDITION, "docker inspect output is not a JSON array (it starts with "
                    + (first == '{' ? "a single object; docker inspect prints a list" : "text, not '['") + ")",
                    HINT_RUN_BY_HAND);
        }
        if (!(load(text) instanceof List<?> elements)) { // unreachable after '[' unless the YAML reader changes
            throw new DrException(ExitCode.PRECONDITION, "docker inspect output is not a JSON array", HINT_RUN_BY_HAND);
        }
        if (elements.isEmpty()) {
            throw new DrException(ExitCode.PRECONDITION, "no such container: docker inspect printed an empty list",
                    "list the containers on the prod host with 'sudo docker ps -a --format {{.Names}}'"
                            + " and set prod.container to the Odoo (or PostgreSQL) one");
        }
        List<ContainerInfo> containers = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            containers.add(container(elements.get(i), i));
        }
        LOG.debug("docker inspect: {} container(s): {}", containers.size(),
                containers.stream().map(ContainerInfo::name).toList());
        return List.copyOf(containers);
    }

    private static Object load(String json) {
        // A raw tab cannot occur inside a JSON string (it must be escaped as \t), so every tab is whitespace; YAML
        // refuses tabs as indentation, and tab-indented JSON exists (pretty-printers, editors).
        String text = json.replace('\t', ' ');
        LoadSettings settings = LoadSettings.builder()
                .setAllowDuplicateKeys(true) // JSON semantics: the last one wins
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        try {
            return new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark()
                    .map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                    .orElse("");
            String problem = Optional.ofNullable(e.getProblem()).orElse("syntax error");
            throw new DrException(ExitCode.PRECONDITION,
                    "docker inspect output is not valid JSON" + where + ": " + problem, HINT_RUN_BY_HAND);
        } catch (YamlEngineException e) {
            // no cause attached on purpose: parser messages quote the offending input line
            throw new DrException(ExitCode.PRECONDITION,
                    "docker inspect output is not valid JSON: " + e.getClass().getSimpleName(), HINT_RUN_BY_HAND);
        }
    }

    private static ContainerInfo container(Object element, int index) {
        JsonFields c = JsonFields.of(element);
        String id = c.text("Id");
        if (!(element instanceof Map) || id.isBlank() || !(c.raw("State") instanceof Map)) {
            throw new DrException(ExitCode.PRECONDITION,
                    "docker inspect element " + (index + 1) + " is not a container (no Id and State)",
                    "the name matched an image, volume or network: use 'sudo docker inspect --type container <name>'");
        }
        JsonFields state = c.object("State");
        JsonFields config = c.object("Config");
        JsonFields hostConfig = c.object("HostConfig");
        boolean running = state.flag("Running", false);
        return new ContainerInfo(
                id,
                stripSlash(c.text("Name")),
                config.text("Image"),
                c.text("Image"),
                state.optionalText("Status").orElse(running ? "running" : "exited"),
                running,
                hostConfig.text("NetworkMode"),
                strings(c.list("Args")),
                MaskedEnv.parse(config.list("Env")),
                stringMap(config.entries("Labels")),
                mounts(c.list("Mounts")),
                publishedPorts(c.object("NetworkSettings"), hostConfig, running),
                networks(c.object("NetworkSettings"), hostConfig.text("NetworkMode")));
    }

    private static List<Mount> mounts(List<?> entries) {
        List<Mount> mounts = new ArrayList<>();
        for (Object entry : entries) {
            JsonFields m = JsonFields.of(entry);
            String destination = m.text("Destination");
            if (destination.isEmpty()) {
                continue;
            }
            mounts.add(new Mount(m.text("Type"), m.text("Name"), m.text("Source"), destination, m.flag("RW", true)));
        }
        return mounts;
    }

    /**
     * A running container's published ports are what Docker bound ({@code NetworkSettings.Ports}); a stopped one
     * has none there, so fall back to what it will bind on start ({@code HostConfig.PortBindings}).
     */
    private static List<PortBinding> publishedPorts(JsonFields networkSettings, JsonFields hostConfig,
                                                    boolean running) {
        List<PortBinding> bound = portMap(networkSettings.entries("Ports"));
        if (!bound.isEmpty() || running) {
            return bound;
        }
        return portMap(hostConfig.entries("PortBindings"));
    }

    /** {@code {"5432/tcp": [{"HostIp": "127.0.0.1", "HostPort": "5432"}], "8072/tcp": null}}. */
    private static List<PortBinding> portMap(Map<?, ?> ports) {
        List<PortBinding> bindings = new ArrayList<>();
        for (Map.Entry<?, ?> port : ports.entrySet()) {
            String key = String.valueOf(port.getKey());
            int slash = key.indexOf('/');
            int containerPort = portNumber(slash < 0 ? key : key.substring(0, slash));
            String protocol = slash < 0 ? "tcp" : key.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (containerPort <= 0 || !(port.getValue() instanceof List<?> hosts)) {
                continue; // exposed but not published (null), or not a port
            }
            for (Object host : hosts) {
                JsonFields h = JsonFields.of(host);
                int hostPort = portNumber(h.text("HostPort"));
                if (hostPort > 0) {
                    bindings.add(new PortBinding(containerPort, protocol, h.text("HostIp"), hostPort));
                } else {
                    // "" or "0" asks Docker for an ephemeral port at start; a range ("5000-5010") is picked then too
                    LOG.debug("docker inspect: port {} has no fixed host port yet", key);
                }
            }
        }
        return bindings;
    }

    private static List<NetworkAttachment> networks(JsonFields networkSettings, String networkMode) {
        List<NetworkAttachment> networks = new ArrayList<>();
        for (Map.Entry<?, ?> network : networkSettings.entries("Networks").entrySet()) {
            JsonFields n = JsonFields.of(network.getValue());
            networks.add(new NetworkAttachment(String.valueOf(network.getKey()), n.text("IPAddress"),
                    n.number("IPPrefixLen", 0), n.text("Gateway")));
        }
        if (networks.isEmpty() && networkSettings.has("IPAddress")) {
            // Docker before 1.9 (2015) had no Networks map, only the default bridge's fields at the top
            String name = networkMode.isEmpty() || networkMode.equals("default") ? "bridge" : networkMode;
            networks.add(new NetworkAttachment(name, networkSettings.text("IPAddress"),
                    networkSettings.number("IPPrefixLen", 0), networkSettings.text("Gateway")));
        }
        return networks;
    }

    private static int portNumber(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            return port > 0 && port <= 65535 ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> strings(List<?> values) {
        return values.stream().filter(v -> v != null).map(String::valueOf).toList();
    }

    private static Map<String, String> stringMap(Map<?, ?> values) {
        Map<String, String> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        return map;
    }

    private static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
