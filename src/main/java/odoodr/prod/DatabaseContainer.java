package odoodr.prod;

import odoodr.process.ProcessResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the PostgreSQL container an Odoo container uses, as preflight and {@code init --discover} both need it: by
 * its compose service (same project as Odoo, service named like Odoo's database host), else by the container name
 * Odoo connects to. Read-only: {@code sudo -n docker ps} and {@code sudo -n docker inspect}.
 */
public final class DatabaseContainer {
    private static final String COMPOSE_PROJECT = "com.docker.compose.project";
    private static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private DatabaseContainer() {
    }

    /** Odoo's PostgreSQL container, when its database host names one; empty when it is elsewhere or not found. */
    public static Optional<ContainerInfo> find(ContainerInfo odoo, ProdCommands prod) {
        Optional<String> host = odoo.odooDatabaseHost();
        if (host.isEmpty() || !host.get().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        String project = odoo.labels().get(COMPOSE_PROJECT);
        if (project != null && !project.isBlank()) {
            ProcessResult ps = prod.run(List.of("sudo", "-n", "docker", "ps", "-a", "-q",
                    "--no-trunc", "--filter", "label=" + COMPOSE_PROJECT + "=" + project,
                    "--filter", "label=" + COMPOSE_SERVICE + "=" + host.get()));
            if (ps.exitCode() == 0) {
                List<String> ids = ps.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
                if (ids.size() == 1) {
                    candidates.add(ids.get(0));
                }
            }
        }
        candidates.add(host.get());
        for (String candidate : candidates) {
            ProcessResult r = inspect(prod, candidate);
            if (isInspectOutput(r)) {
                ContainerInfo c = DockerInspect.parse(r.stdout()).get(0);
                if (looksLikePostgres(c)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code sudo -n docker inspect --type container -- NAME}: "--" ends the options, a name is never read as one. */
    public static ProcessResult inspect(ProdCommands prod, String nameOrId) {
        return prod.run(List.of("sudo", "-n", "docker", "inspect", "--type", "container", "--", nameOrId));
    }

    /** Exit 0 and a non-empty JSON array: something {@link DockerInspect#parse} can read. */
    public static boolean isInspectOutput(ProcessResult r) {
        String out = r.stdout().strip();
        return r.exitCode() == 0 && out.startsWith("[") && !out.equals("[]");
    }

    /** A PostgreSQL (or PostGIS) server container by its image, its command or its data mount; never an Odoo one. */
    public static boolean looksLikePostgres(ContainerInfo c) {
        String image = c.image().toLowerCase(Locale.ROOT);
        if (image.contains("odoo")) {
            return false;
        }
        return image.contains("postgres") || image.contains("postgis")
                || (!c.args().isEmpty() && c.args().get(0).equals("postgres"))
                || c.mounts().stream().map(Mount::destination).anyMatch(d -> d.startsWith("/var/lib/postgresql"));
    }
}
