package odoodr.config;

import static odoodr.config.ConfigKeys.AGENT_LISTEN;
import static odoodr.config.ConfigKeys.AGENT_LISTEN_BEYOND_LOOPBACK;
import static odoodr.config.ConfigKeys.DATABASES;
import static odoodr.config.ConfigKeys.FILESTORE_LOCAL_BASE;
import static odoodr.config.ConfigKeys.POSTGRES_HOT_STANDBY_FEEDBACK;
import static odoodr.config.ConfigKeys.POSTGRES_REPLICATION_USER;
import static odoodr.config.ConfigKeys.POSTGRES_PORT;
import static odoodr.config.ConfigKeys.PROD_FILESTORE_PATH;
import static odoodr.config.ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE;
import static odoodr.config.ConfigKeys.REPLICA_TUNNEL_PORT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks that need several values, or the file system: each finding is an error (the command cannot succeed or
 * would be unsafe) or a warning (works, but probably not what was meant). All are collected, not just the first.
 */
final class ConfigValidator {
    /** Ports below this need root to bind; the tunnel runs as the postgres user. */
    private static final int FIRST_UNPRIVILEGED_PORT = 1024;

    private final String currentUser;

    ConfigValidator(String currentUser) {
        this.currentUser = currentUser;
    }

    ValidationResult validate(Config config) {
        SourceMap source = config.source();
        List<ConfigProblem> errors = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        checkLocalPorts(config, source, errors, warnings);
        checkDatabases(config, source, errors, warnings);
        checkPasswordFile(config, source, errors, warnings);
        checkReplicationRole(config, source, errors);
        MirrorDirectory.symlinkIn(config.filestore().localBase()).ifPresent(link -> errors.add(source.problem(
                FILESTORE_LOCAL_BASE, FILESTORE_LOCAL_BASE + " " + config.filestore().localBase() + " goes through the"
                        + " symbolic link " + link + " -> " + MirrorDirectory.target(link)
                        + ": setup would give whatever it points to to the odoo user",
                "name the real directory, without links")));
        if (config.prod().filestorePath().isEmpty() && !config.databases().isEmpty()) {
            warnings.add(source.problem(PROD_FILESTORE_PATH, PROD_FILESTORE_PATH
                            + " is not set: the database will be replicated but no filestore mirrored",
                    "find it with: sudo docker inspect <odoo-container> --format '{{json .Mounts}}'"
                            + " (or odoo-dr init --discover)"));
        }
        if (config.postgres().hotStandbyFeedback()) {
            warnings.add(source.problem(POSTGRES_HOT_STANDBY_FEEDBACK, POSTGRES_HOT_STANDBY_FEEDBACK
                            + " is true: queries on the standby are not cancelled by prod's vacuum, but rows they"
                            + " read stay pinned on prod (bloat during long standby queries)",
                    "keep true for a reporting replica; set false for a pure DR standby (gotcha 6)"));
        }
        return new ValidationResult(errors, warnings);
    }

    /**
     * The tunnel's socket (.s.PGSQL.<tunnel_port>), the standby (Debian's listen_addresses = 'localhost', and its own
     * .s.PGSQL.<port> socket) and the agent are all reached by port on this machine: equal ports would make
     * `psql -p`, the pgpass lines and the tunnel's lock and pid names ambiguous between them, so they stay distinct.
     */
    private static void checkLocalPorts(Config config, SourceMap source, List<ConfigProblem> errors,
                                        List<ConfigProblem> warnings) {
        int tunnel = config.replica().tunnelPort();
        int standby = config.postgres().port();
        int agent = config.agent().listen().port();
        String hint = "give the tunnel, the standby and the agent different ports (defaults 40000, 5432, 9187)";
        if (tunnel == standby) {
            errors.add(source.problem(REPLICA_TUNNEL_PORT, REPLICA_TUNNEL_PORT + " " + tunnel + " equals "
                    + POSTGRES_PORT + ": the tunnel's socket and the standby would share the port " + tunnel, hint));
        }
        if (tunnel == agent) {
            errors.add(source.problem(REPLICA_TUNNEL_PORT, REPLICA_TUNNEL_PORT + " " + tunnel + " equals the port of "
                    + AGENT_LISTEN + " (" + config.agent().listen() + "): both bind on this machine", hint));
        }
        if (standby == agent) {
            errors.add(source.problem(AGENT_LISTEN, AGENT_LISTEN + " " + config.agent().listen() + " uses "
                    + POSTGRES_PORT + " " + standby + ": both bind on this machine", hint));
        }
        if (!config.agent().listen().isLoopback() && !config.agent().listenBeyondLoopback()) {
            errors.add(source.problem(AGENT_LISTEN, AGENT_LISTEN + " " + config.agent().listen() + " is reachable from"
                            + " other machines, and the agent's endpoints have no authentication",
                    "keep 127.0.0.1 and reach it through ssh -L, or set " + AGENT_LISTEN_BEYOND_LOOPBACK
                            + ": true on purpose (behind a firewall)"));
        }
        if (tunnel < FIRST_UNPRIVILEGED_PORT) {
            warnings.add(source.problem(REPLICA_TUNNEL_PORT, REPLICA_TUNNEL_PORT + " " + tunnel
                            + " is below 1024, the range of system services: psql -p and the pgpass lines would name"
                            + " the tunnel like one of them",
                    "use a port above 1023, e.g. 40000"));
        }
    }

    /**
     * Setup sets the replication role's password and decommission offers to drop it: naming prod's superuser (Odoo's
     * own role), the bootstrap superuser or a reserved role there would lock Odoo out of its database.
     */
    private static void checkReplicationRole(Config config, SourceMap source, List<ConfigProblem> errors) {
        String role = config.postgres().replicationUser();
        String why = role.equals(config.prod().superuser()) ? "is prod.superuser, the role Odoo logs in with"
                : role.equals("postgres") ? "is PostgreSQL's bootstrap superuser"
                : role.startsWith("pg_") ? "is a name PostgreSQL reserves for its own roles" : null;
        if (why != null) {
            errors.add(source.problem(POSTGRES_REPLICATION_USER, POSTGRES_REPLICATION_USER + " `" + role + "` " + why
                            + ": setup would reset its password",
                    "give the replication role a name of its own (default " + PostgresConfig.DEFAULT_REPLICATION_USER + ")"));
        }
    }

    private static void checkDatabases(Config config, SourceMap source, List<ConfigProblem> errors,
                                       List<ConfigProblem> warnings) {
        if (config.databases().isEmpty()) {
            warnings.add(source.problem(DATABASES, DATABASES + " is empty: no filestore will be mirrored",
                    "list the Odoo databases, e.g. databases: [odoo]"));
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < config.databases().size(); i++) {
            String name = config.databases().get(i);
            Integer first = firstIndex.putIfAbsent(name, i);
            if (first != null) {
                String key = DATABASES + "[" + i + "]";
                errors.add(source.problem(key,
                        key + ": database `" + name + "` is listed twice (also " + DATABASES + "[" + first + "])",
                        "list each database once"));
            }
        }
    }

    private void checkPasswordFile(Config config, SourceMap source, List<ConfigProblem> errors,
                                   List<ConfigProblem> warnings) {
        Optional<Path> file = config.prod().superuserPasswordFile();
        if (file.isEmpty()) {
            return;
        }
        String key = PROD_SUPERUSER_PASSWORD_FILE;
        if (!Files.exists(file.get())) {
            warnings.add(source.problem(key, key + " " + file.get() + " does not exist: the password will be taken"
                            + " from " + SuperuserPasswordSource.PASSWORD_ENV + " or asked on the terminal",
                    "create it: (umask 077; printf '%s' 'PASSWORD' > " + file.get() + ")"));
            return;
        }
        errors.addAll(passwordFileProblems(file.get(), currentUser, source));
    }

    /**
     * The file holds prod's superuser password: readable by group or others it is a leaked password, and owned by
     * someone else it can be swapped under us.
     */
    static List<ConfigProblem> passwordFileProblems(Path file, String currentUser, SourceMap source) {
        String key = PROD_SUPERUSER_PASSWORD_FILE;
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            if (!Files.isRegularFile(file)) {
                problems.add(source.problem(key, key + " " + file + " is not a regular file", "point it at a file"));
                return problems;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(ConfigValidator::isGroupOrOther)) {
                problems.add(source.problem(key, key + " " + file + " is open to group or others (mode "
                                + PosixFilePermissions.toString(permissions) + "); it holds prod's superuser password"
                                + " and must be mode 0600",
                        "chmod 0600 " + file));
            }
            String owner = Files.getOwner(file).getName();
            if (!owner.equals(currentUser)) {
                problems.add(source.problem(key, key + " " + file + " is owned by " + owner + ", not by " + currentUser
                                + " who runs odoo-dr",
                        "chown " + currentUser + " " + file));
            }
        } catch (IOException | UnsupportedOperationException e) {
            problems.add(source.problem(key, key + " " + file + ": cannot check its permissions: " + e.getMessage(),
                    "make it a regular file, mode 0600, owned by " + currentUser));
        }
        return problems;
    }

    private static boolean isGroupOrOther(PosixFilePermission permission) {
        return !permission.name().startsWith("OWNER_");
    }
}
