package odoodr.preflight;

import odoodr.config.ConfigKeys;
import odoodr.config.ProdConfig;
import odoodr.prod.ContainerInfo;
import odoodr.prod.DatabaseContainer;
import odoodr.prod.PortBinding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code docker inspect} says about prod, held against the config: the filestore's host path (from the Odoo
 * container's mounts) and the port PostgreSQL is published on at prod's loopback (from the PostgreSQL container's
 * ports). A mismatch is a blocker whose hint is the discovered value. Pure: no I/O.
 */
final class ContainerComparison {
    record Problem(String reason, String hint) {
    }

    record Result(List<String> evidence, List<Problem> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private ContainerComparison() {
    }

    /**
     * @param prod     the prod section of the config
     * @param named    the container {@code prod.container} names (Odoo's, or PostgreSQL's)
     * @param database when {@code named} is Odoo's: the PostgreSQL container it uses, if one was found
     */
    static Result compare(ProdConfig prod, ContainerInfo named, Optional<ContainerInfo> database) {
        List<String> evidence = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        evidence.add("container " + named.name() + " (" + named.image() + ", " + named.status() + ")");

        if (!looksLikePostgres(named)) {
            compareFilestore(prod, named, evidence, problems);
        }

        ContainerInfo pg = looksLikePostgres(named) ? named : database.orElse(null);
        if (pg == null) {
            evidence.add(named.odooDatabaseHost()
                    .map(h -> "its PostgreSQL (host " + h + ") is not a container found here: "
                            + ConfigKeys.PROD_PG_PORT + " not compared")
                    .orElse("no PostgreSQL container identified: " + ConfigKeys.PROD_PG_PORT + " not compared"));
        } else {
            comparePort(prod, pg, evidence, problems);
        }
        return new Result(List.copyOf(evidence), List.copyOf(problems));
    }

    private static void compareFilestore(ProdConfig prod, ContainerInfo odoo, List<String> evidence,
                                         List<Problem> problems) {
        Optional<Path> found = odoo.filestoreHostPath();
        Optional<Path> configured = prod.filestorePath();
        if (found.isEmpty()) {
            evidence.add("no volume or bind mount holds its filestore (" + odoo.odooDataDir()
                    + "/filestore)" + configured.map(c -> ": " + ConfigKeys.PROD_FILESTORE_PATH + " " + c
                    + " not confirmed").orElse(""));
            return;
        }
        Path discovered = found.get().normalize();
        if (configured.isEmpty()) {
            evidence.add("filestore in " + discovered + " (" + ConfigKeys.PROD_FILESTORE_PATH
                    + " is not set: set it to " + discovered + " to mirror the filestore)");
        } else if (configured.get().normalize().equals(discovered)) {
            evidence.add("filestore " + discovered + " = " + ConfigKeys.PROD_FILESTORE_PATH);
        } else {
            problems.add(new Problem(ConfigKeys.PROD_FILESTORE_PATH + " is " + configured.get() + ", but container "
                    + odoo.name() + " keeps its filestore in " + discovered,
                    "set " + ConfigKeys.PROD_FILESTORE_PATH + ": " + discovered));
        }
    }

    private static void comparePort(ProdConfig prod, ContainerInfo pg, List<String> evidence, List<Problem> problems) {
        int listen = pg.postgresListenPort();
        OptionalInt published = pg.postgresHostPort();
        String who = "PostgreSQL container " + pg.name();
        if (published.isEmpty()) {
            List<PortBinding> bindings = pg.publishedPorts(listen, "tcp");
            problems.add(new Problem(who + " does not publish its port " + listen + " on prod's 127.0.0.1"
                    + (bindings.isEmpty() ? "" : " (only on " + bindings + ")")
                    + ": the SSH tunnel cannot reach it",
                    "publish it on prod's loopback only, e.g. ports: [\"127.0.0.1:" + listen + ":" + listen
                            + "\"] in its compose file, then set " + ConfigKeys.PROD_PG_PORT + " to that port"));
        } else if (published.getAsInt() == prod.pgPort()) {
            evidence.add(who + " published on 127.0.0.1:" + published.getAsInt() + " = " + ConfigKeys.PROD_PG_PORT);
        } else {
            problems.add(new Problem(ConfigKeys.PROD_PG_PORT + " is " + prod.pgPort() + ", but " + who
                    + " is published on prod's 127.0.0.1:" + published.getAsInt(),
                    "set " + ConfigKeys.PROD_PG_PORT + ": " + published.getAsInt()));
        }
    }

    /**
     * A PostgreSQL server container rather than Odoo's: its image (postgres, postgis, bitnami/postgresql...), its
     * command, or its data volume says so. An Odoo container on the host network would otherwise "publish" 5432.
     */
    static boolean looksLikePostgres(ContainerInfo c) {
        return DatabaseContainer.looksLikePostgres(c);
    }
}
