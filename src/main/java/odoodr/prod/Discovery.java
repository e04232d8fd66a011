package odoodr.prod;

import odoodr.DrException;
import odoodr.config.ConfigKeys;
import odoodr.config.SafeValueRules;
import odoodr.process.ProcessResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code odoo-dr init --discover}: reads off prod, read-only, what the runbook's Sections 1/2 say to read there, and
 * says for each value where it came from. A pure function of the outputs of the programs it runs through
 * {@link ProdCommands} (all under {@code sudo -n}):
 * <ol>
 *   <li>{@code docker ps --format '{{.Names}}\t{{.Image}}'}: the Odoo container (the one whose image names odoo),
 *       unless {@code prod.container} was given;</li>
 *   <li>{@code docker inspect} of it → {@code prod.filestore_path} (its data volume); of its PostgreSQL container
 *       ({@link DatabaseContainer}) → {@code prod.pg_port} (published on 127.0.0.1), {@code postgres.major}
 *       ({@code PG_MAJOR}, else the image tag), {@code prod.superuser} ({@code POSTGRES_USER}) and
 *       {@code prod.data_disk_path} (the volume behind PGDATA);</li>
 *   <li>{@code ls -1p} of the filestore → {@code databases} (one directory per database);</li>
 *   <li>without docker, or without a PostgreSQL container: {@code ss -Hltnp} for a postgres listener reachable on
 *       127.0.0.1 → {@code prod.pg_port}, and its {@code /proc/PID/exe} and {@code cwd} → {@code postgres.major},
 *       {@code prod.data_disk_path}.</li>
 * </ol>
 * Passwords are never read: the container environment is only asked for PG_MAJOR, POSTGRES_USER and PGDATA.
 */
public final class Discovery {
    /** The keys discovery may fill; each ends up either found or explained in {@link Result#notDiscovered()}. */
    public static final List<String> KEYS = List.of(ConfigKeys.PROD_CONTAINER, ConfigKeys.PROD_FILESTORE_PATH,
            ConfigKeys.DATABASES, ConfigKeys.PROD_PG_PORT, ConfigKeys.POSTGRES_MAJOR, ConfigKeys.PROD_SUPERUSER,
            ConfigKeys.PROD_DATA_DISK_PATH);

    private static final Pattern LEADING_DIGITS = Pattern.compile("(\\d+)(?:[.\\-_].*)?");

    /** One value read off prod, and where. */
    public record Found(String value, String source) {
    }

    /**
     * @param found         by config key, in {@link #KEYS} order
     * @param notDiscovered by config key: why it was not, and what to do (keys given by the operator are not here)
     * @param warnings      what went wrong on the way (no docker, no sudo, a failed command)
     */
    public record Result(Map<String, Found> found, Map<String, String> notDiscovered, List<String> warnings) {
        public Result {
            found = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(found));
            notDiscovered = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notDiscovered));
            warnings = List.copyOf(warnings);
        }

        /** The found values, as {@code init --set} would take them. */
        public Map<String, String> values() {
            Map<String, String> v = new LinkedHashMap<>();
            found.forEach((k, f) -> v.put(k, f.value()));
            return v;
        }

        /** One comment line per key for the written config: where each value came from, or why it is a default. */
        public Map<String, String> comments() {
            Map<String, String> c = new LinkedHashMap<>();
            found.forEach((k, f) -> c.put(k, "discovered: " + f.source()));
            notDiscovered.forEach((k, why) -> c.put(k, "not discovered (" + why + "): default kept, check by hand"));
            return c;
        }
    }

    private final ProdCommands prod;
    private final DiscoveryNotes notes = new DiscoveryNotes();

    private Discovery(ProdCommands prod) {
        this.prod = prod;
    }

    /**
     * @param given values the operator gave (--prod-host/--set): never overwritten; {@code prod.container} there
     *              names the container to inspect instead of looking for it
     */
    public static Result discover(ProdCommands prod, Map<String, String> given) {
        Discovery d = new Discovery(prod);
        d.run(Optional.ofNullable(given.get(ConfigKeys.PROD_CONTAINER)).map(String::strip).filter(s -> !s.isEmpty()));
        Map<String, Found> found = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (String key : KEYS) {
            if (given.containsKey(key)) {
                continue;
            }
            if (d.notes.found.containsKey(key)) {
                found.put(key, d.notes.found.get(key));
            } else {
                missing.put(key, d.notes.missing.getOrDefault(key, "nothing on prod says"));
            }
        }
        return new Result(found, missing, d.notes.warnings);
    }

    private void run(Optional<String> givenContainer) {
        ProcessResult ps = prod.run(List.of("sudo", "-n", "docker", "ps", "--format", "{{.Names}}\t{{.Image}}"));
        if (ps.exitCode() != 0) {
            String why = DiscoveryNotes.lastLine(ps.stderr()).orElse("exit " + ps.exitCode());
            String lower = ps.stderr().toLowerCase(Locale.ROOT);
            if (ps.exitCode() == 127 || lower.contains("command not found") || lower.contains("docker: not found")) {
                notes.warnings.add("no docker on prod (" + why + "): no container to read; looked for a PostgreSQL"
                        + " listener instead");
                noDocker("prod has no docker");
            } else if (lower.contains("cannot connect to the docker daemon") || lower.contains("docker.sock")) {
                notes.warnings.add("docker on prod does not answer (" + why + "): no container to read; looked for a"
                        + " PostgreSQL listener instead");
                noDocker("docker does not answer on prod");
            } else if (lower.contains("password is required") || lower.contains("terminal is required")) {
                notes.warnings.add("sudo -n docker ps failed on prod (" + why + "): odoo-dr needs passwordless sudo there"
                        + " (runbook gotcha 12)");
                noDocker("sudo -n docker failed");
            } else {
                notes.warnings.add("sudo -n docker ps failed on prod: " + why);
                noDocker("docker ps failed");
            }
            ListenerDiscovery.read(prod, notes);
            return;
        }
        Optional<String> name = givenContainer.or(() -> odooContainer(ps.stdout()));
        if (name.isEmpty()) {
            ListenerDiscovery.read(prod, notes);
            return;
        }
        Optional<ContainerInfo> named = inspect(name.get());
        if (named.isEmpty()) {
            noDocker("docker inspect " + name.get() + " failed");
            ListenerDiscovery.read(prod, notes);
            return;
        }
        ContainerInfo odoo = null;
        Optional<ContainerInfo> db;
        if (DatabaseContainer.looksLikePostgres(named.get())) {
            db = named; // the operator named the PostgreSQL container: no Odoo container to read
            notes.missing.put(ConfigKeys.PROD_FILESTORE_PATH, name.get() + " is a PostgreSQL container, not Odoo's");
            notes.missing.put(ConfigKeys.DATABASES, "no Odoo container read");
        } else {
            odoo = named.get();
            if (givenContainer.isEmpty()) {
                notes.found(ConfigKeys.PROD_CONTAINER, odoo.name(), SafeValueRules::containerName,
                        "docker ps, the only container whose image (" + odoo.image() + ") names odoo");
            }
            FilestoreDiscovery.read(prod, odoo, notes);
            db = DatabaseContainer.find(odoo, prod);
        }
        if (db.isPresent()) {
            database(db.get());
        } else {
            String why = odoo.odooDatabaseHost()
                    .map(h -> "Odoo's database host " + h + " is not a PostgreSQL container here")
                    .orElse("docker inspect " + odoo.name() + " does not say which database host Odoo uses");
            notes.missing.put(ConfigKeys.PROD_PG_PORT, why);
            notes.missing.put(ConfigKeys.POSTGRES_MAJOR, why);
            notes.missing.put(ConfigKeys.PROD_SUPERUSER, why);
            notes.missing.put(ConfigKeys.PROD_DATA_DISK_PATH, why);
            ListenerDiscovery.read(prod, notes);
        }
    }

    private void noDocker(String why) {
        for (String key : List.of(ConfigKeys.PROD_CONTAINER, ConfigKeys.PROD_FILESTORE_PATH, ConfigKeys.DATABASES,
                ConfigKeys.PROD_SUPERUSER)) {
            notes.missing.putIfAbsent(key, why);
        }
    }

    /** The one running container whose image names odoo; several or none: the operator picks (prod.container). */
    private Optional<String> odooContainer(String psOutput) {
        List<String> odoo = new ArrayList<>();
        for (String line : psOutput.lines().toList()) {
            String[] cols = line.strip().split("\t", 2);
            if (cols.length == 2 && cols[1].toLowerCase(Locale.ROOT).contains("odoo")) {
                odoo.add(cols[0].strip() + " (" + cols[1].strip() + ")");
            }
        }
        if (odoo.size() == 1) {
            return Optional.of(odoo.get(0).substring(0, odoo.get(0).indexOf(" (")));
        }
        String why = odoo.isEmpty()
                ? "no running container on prod has odoo in its image name"
                : "several Odoo containers run on prod: " + String.join(", ", odoo);
        notes.warnings.add(why + "; name the right one with --set prod.container=NAME and run again");
        notes.missing.put(ConfigKeys.PROD_CONTAINER, odoo.isEmpty() ? "no Odoo container found" : "several Odoo containers");
        noDocker(odoo.isEmpty() ? "no Odoo container found" : "several Odoo containers");
        return Optional.empty();
    }

    private Optional<ContainerInfo> inspect(String name) {
        ProcessResult r = DatabaseContainer.inspect(prod, name);
        if (!DatabaseContainer.isInspectOutput(r)) {
            notes.warnings.add("sudo -n docker inspect " + name + " failed on prod: "
                    + DiscoveryNotes.lastLine(r.stderr()).orElse("exit " + r.exitCode())
                    + "; list the containers with sudo docker ps -a --format '{{.Names}}\\t{{.Image}}'");
            return Optional.empty();
        }
        try {
            return Optional.of(DockerInspect.parse(r.stdout()).get(0));
        } catch (DrException e) {
            notes.warnings.add(e.getMessage());
            return Optional.empty();
        }
    }

    private void database(ContainerInfo db) {
        String who = "docker inspect " + db.name();
        OptionalInt port = db.postgresHostPort();
        if (port.isPresent()) {
            notes.found.put(ConfigKeys.PROD_PG_PORT, new Found(String.valueOf(port.getAsInt()), who + (db.isHostNetwork()
                    ? " (host network, listen port)"
                    : " NetworkSettings.Ports (" + db.postgresListenPort() + "/tcp on prod's 127.0.0.1)")));
        } else {
            notes.missing.put(ConfigKeys.PROD_PG_PORT, db.name() + " publishes port " + db.postgresListenPort()
                    + " on no host address reachable as 127.0.0.1; publish it on 127.0.0.1 (runbook Section 2)");
        }
        Optional<String> pgMajor = env(db, "PG_MAJOR");
        if (pgMajor.isPresent()) {
            notes.major(pgMajor.get(), who + " Config.Env PG_MAJOR");
        } else {
            Optional<String> tagMajor = tagMajor(db.image());
            if (tagMajor.isPresent()) {
                notes.major(tagMajor.get(), who + " image tag (" + db.image() + ")");
            } else {
                notes.missing.put(ConfigKeys.POSTGRES_MAJOR, "neither PG_MAJOR nor the image tag of " + db.name()
                        + " gives it; SELECT version(); on prod");
            }
        }
        Optional<String> user = env(db, "POSTGRES_USER");
        if (user.isPresent()) {
            notes.found(ConfigKeys.PROD_SUPERUSER, user.get(), SafeValueRules::roleName, who + " Config.Env POSTGRES_USER");
        } else if (env(db, "PG_MAJOR").isPresent()) {
            notes.found.put(ConfigKeys.PROD_SUPERUSER, new Found("postgres",
                    who + ": official postgres image without POSTGRES_USER"));
        } else {
            notes.missing.put(ConfigKeys.PROD_SUPERUSER, who + " sets no POSTGRES_USER");
        }
        String pgdata = env(db, "PGDATA").orElse("/var/lib/postgresql/data");
        Optional<Path> data = db.hostPathOf(pgdata);
        if (data.isPresent()) {
            notes.found(ConfigKeys.PROD_DATA_DISK_PATH, data.get().toString(), SafeValueRules::absolutePath,
                    who + " Mounts (PGDATA " + pgdata + ")");
        } else {
            notes.missing.put(ConfigKeys.PROD_DATA_DISK_PATH, "no volume or bind mount of " + db.name() + " holds " + pgdata);
        }
    }

    /** "postgres:15", "postgres:15.4-alpine", "postgis/postgis:16-3.4", "registry:5000/postgres:14@sha256:…" → major. */
    static Optional<String> tagMajor(String image) {
        String ref = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        String last = ref.substring(ref.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty(); // "latest": no version in the name
        }
        Matcher m = LEADING_DIGITS.matcher(last.substring(colon + 1));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> env(ContainerInfo c, String name) {
        return Optional.ofNullable(c.env().get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
