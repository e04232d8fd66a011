package odoodr.prod;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What odoo-dr needs to know about one prod container, read from {@code docker inspect} by {@link DockerInspect}.
 * <p>
 * {@link #toString()} shows no environment values and no command-line arguments: both may hold passwords
 * ({@code PASSWORD=...}, {@code --db_password ...}).
 *
 * @param id             the full container id
 * @param name           the container name without Docker's leading '/'
 * @param image          the image as the container was created from it ({@code Config.Image}, e.g. "odoo:17.0")
 * @param imageId        the image digest ({@code sha256:...})
 * @param status         Docker's state word: "running", "exited", "created", "restarting", "paused", "dead"
 * @param running        {@code State.Running}
 * @param networkMode    {@code HostConfig.NetworkMode}: "default"/"bridge", "host", "none", a compose network name,
 *                       or "container:&lt;id&gt;"
 * @param args           the arguments Docker passed to the entrypoint ({@code Args})
 * @param env            {@code Config.Env} as a map; its {@code toString} masks the values
 * @param labels         {@code Config.Labels}, e.g. com.docker.compose.project / .service
 * @param mounts         {@code Mounts}
 * @param publishedPorts host-published ports: what Docker bound ({@code NetworkSettings.Ports}) for a running
 *                       container; for a stopped one, what {@code HostConfig.PortBindings} will bind on start (ports
 *                       Docker picks at start time are left out: their number is not known yet)
 * @param networks       {@code NetworkSettings.Networks}
 */
public record ContainerInfo(
        String id,
        String name,
        String image,
        String imageId,
        String status,
        boolean running,
        String networkMode,
        List<String> args,
        Map<String, String> env,
        Map<String, String> labels,
        List<Mount> mounts,
        List<PortBinding> publishedPorts,
        List<NetworkAttachment> networks) {

    /** Odoo's data_dir in the official images; the filestore is {@code <data_dir>/filestore/<db>}. */
    public static final String ODOO_DEFAULT_DATA_DIR = "/var/lib/odoo";
    public static final int POSTGRES_DEFAULT_PORT = 5432;

    public ContainerInfo {
        id = Objects.requireNonNullElse(id, "");
        name = Objects.requireNonNullElse(name, "");
        image = Objects.requireNonNullElse(image, "");
        imageId = Objects.requireNonNullElse(imageId, "");
        status = Objects.requireNonNullElse(status, "");
        networkMode = Objects.requireNonNullElse(networkMode, "");
        args = List.copyOf(Objects.requireNonNullElse(args, List.of()));
        env = MaskedEnv.copyOf(Objects.requireNonNullElse(env, Map.of()));
        labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
        mounts = List.copyOf(Objects.requireNonNullElse(mounts, List.of()));
        publishedPorts = List.copyOf(Objects.requireNonNullElse(publishedPorts, List.of()));
        networks = List.copyOf(Objects.requireNonNullElse(networks, List.of()));
    }

    public boolean isHostNetwork() {
        return networkMode.equals("host");
    }

    /** The bindings of one container port, e.g. {@code publishedPorts(5432, "tcp")}; empty when not published. */
    public List<PortBinding> publishedPorts(int containerPort, String protocol) {
        return publishedPorts.stream()
                .filter(p -> p.containerPort() == containerPort && p.protocol().equalsIgnoreCase(protocol))
                .toList();
    }

    /** The distinct gateway addresses of the container's networks: where tunnelled connections appear to come from. */
    public List<String> gateways() {
        return networks.stream().map(NetworkAttachment::gateway).filter(g -> !g.isEmpty()).distinct().toList();
    }

    // ---- Odoo -------------------------------------------------------------------------------------------------

    /** Odoo's data directory inside the container: {@code --data-dir}/{@code -D} in the arguments, else /var/lib/odoo. */
    public String odooDataDir() {
        return CommandLineOptions.lastValue(args, List.of("--data-dir", "--data_dir"), "-D")
                .orElse(ODOO_DEFAULT_DATA_DIR);
    }

    /**
     * The host directory holding this Odoo container's filestore ({@code <data_dir>/filestore}), e.g.
     * {@code /var/lib/docker/volumes/odoo_odoo-web-data/_data/filestore}: found through the volume or bind mount
     * that holds it, whether it is mounted at the data dir, at the filestore itself or at a parent directory.
     * Empty when no host-backed mount covers it (the filestore then lives in the container's writable layer or a
     * tmpfs, and there is nothing on the host to mirror).
     */
    public Optional<Path> filestoreHostPath() {
        return filestoreHostPath(odooDataDir());
    }

    /** As {@link #filestoreHostPath()}, for a data_dir set elsewhere (e.g. in odoo.conf, which inspect cannot see). */
    public Optional<Path> filestoreHostPath(String dataDir) {
        return hostPathOf(ContainerPaths.join(dataDir, "filestore"));
    }

    /**
     * The host path behind a path inside the container, through the deepest volume or bind mount that contains it
     * (a mount nested in another one hides its parent there, as in the container).
     */
    public Optional<Path> hostPathOf(String containerPath) {
        String target = ContainerPaths.normalize(containerPath);
        return mounts.stream()
                .filter(Mount::hasHostDirectory)
                .filter(m -> ContainerPaths.contains(ContainerPaths.normalize(m.destination()), target))
                .max(Comparator.comparingInt(m -> ContainerPaths.normalize(m.destination()).length()))
                .map(m -> ContainerPaths.resolve(Path.of(m.source()), ContainerPaths.normalize(m.destination()), target));
    }

    /**
     * The PostgreSQL host the Odoo process connects to, as far as {@code docker inspect} shows it, following the
     * official image's entrypoint: with {@code PGHOST} set the entrypoint passes no {@code --db_host}, so an explicit
     * {@code --db_host} argument wins, else PGHOST; otherwise the entrypoint appends {@code --db_host $HOST} (HOST
     * defaulting to the legacy link variable {@code DB_PORT_5432_TCP_ADDR}) after the user's arguments, so that wins;
     * then an explicit {@code --db_host} argument. Limits: odoo.conf is invisible here, and a {@code db_host} set there
     * stops the entrypoint from appending its own (the argument, else the file, then decides); with none of these
     * set the entrypoint's default is "db", which is not guessed here (empty).
     */
    public Optional<String> odooDatabaseHost() {
        Optional<String> fromArgs = CommandLineOptions.lastValue(args, List.of("--db_host", "--db-host"), null);
        Optional<String> pgHost = envValue("PGHOST");
        if (pgHost.isPresent()) {
            return fromArgs.or(() -> pgHost);
        }
        return envValue("HOST").or(() -> envValue("DB_PORT_5432_TCP_ADDR")).or(() -> fromArgs);
    }

    // ---- PostgreSQL -------------------------------------------------------------------------------------------

    /**
     * The port PostgreSQL listens on inside the container: {@code -p N} or {@code -c port=N} in the arguments, else
     * {@code PGPORT} (the server reads it too), else 5432.
     */
    public int postgresListenPort() {
        return CommandLineOptions.postgresSetting(args, "port")
                .or(() -> CommandLineOptions.lastValue(args, List.of(), "-p"))
                .or(() -> envValue("PGPORT"))
                .flatMap(ContainerInfo::parsePort)
                .orElse(POSTGRES_DEFAULT_PORT);
    }

    /**
     * The port on the prod host where this PostgreSQL container can be reached at 127.0.0.1 (what the SSH tunnel
     * forwards to): its listen port published on 127.0.0.1, else on all interfaces (0.0.0.0 or unspecified); with
     * the host network, the listen port itself. Empty when it is not published, or only on other addresses
     * ("::", "::1", a LAN address): see {@link #publishedPorts(int, String)} to tell which.
     */
    public OptionalInt postgresHostPort() {
        int listenPort = postgresListenPort();
        if (isHostNetwork()) {
            return OptionalInt.of(listenPort);
        }
        return publishedPorts(listenPort, "tcp").stream()
                .filter(PortBinding::isReachableOnIpv4Loopback)
                .filter(p -> p.hostPort() > 0)
                .min(Comparator.comparingInt(p -> p.hostIp().equals("127.0.0.1") ? 0 : 1))
                .map(p -> OptionalInt.of(p.hostPort()))
                .orElse(OptionalInt.empty());
    }

    private Optional<String> envValue(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<Integer> parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            return port > 0 && port <= 65535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Names, image, state, mounts, ports and networks; never environment values or arguments. */
    @Override
    public String toString() {
        return "ContainerInfo[name=" + name + ", id=" + (id.length() > 12 ? id.substring(0, 12) : id)
                + ", image=" + image + ", status=" + status + ", networkMode=" + networkMode
                + ", env=" + env + ", mounts=" + mounts + ", publishedPorts=" + publishedPorts
                + ", networks=" + networks + "]";
    }
}
