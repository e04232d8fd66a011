package odoodr.config;

import static odoodr.config.ConfigKeys.REPLICA_NAME;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.nodes.MappingNode;

/**
 * Turns the checked YAML tree into the config records: each key read with its type and rule, defaults filled in.
 * Stops at the first bad value (its message names key and line); cross-field checks are {@link ConfigValidator}'s.
 */
final class ConfigBinder {
    private static final String PATH = "an absolute path";
    private final Supplier<String> shortHostname;

    ConfigBinder(Supplier<String> shortHostname) {
        this.shortHostname = shortHostname;
    }

    Config bind(MappingNode rootNode, String file) {
        Map<String, Integer> lines = new HashMap<>();
        YamlSection root = YamlSection.root(rootNode, file, lines);
        ReplicaConfig replica = replica(root.section("replica"), file);
        ProdConfig prod = prod(root.section("prod"));
        PostgresConfig postgres = postgres(root.section("postgres"));
        List<String> databases = databases(root, lines);
        FilestoreConfig filestore = filestore(root.section("filestore"));
        YamlSection agentSection = root.section("agent");
        AgentConfig agent = new AgentConfig(agentSection.find("listen")
                .map(v -> v.parse("host:port", HostPort::parse))
                .orElse(AgentConfig.DEFAULT_LISTEN),
                agentSection.find("listen_beyond_loopback").map(YamlValue::bool).orElse(false));
        return new Config(replica, prod, postgres, databases, filestore, agent,
                HealthConfigBinder.bind(root.section("health")), archive(root.section("archive")),
                drill(root.section("drill")), new SourceMap(file, lines));
    }

    private ReplicaConfig replica(YamlSection section, String file) {
        String name = section.find("name")
                .map(v -> v.parse("a replica name", ConfigBinder::replicaName))
                .orElseGet(() -> defaultReplicaName(file, section));
        int tunnelPort = section.find("tunnel_port").map(YamlValue::port).orElse(ReplicaConfig.DEFAULT_TUNNEL_PORT);
        return new ReplicaConfig(name, tunnelPort);
    }

    /** The name must also yield a valid slot name and application_name, so check those here, at the name's line. */
    static String replicaName(String text) {
        String name = SafeValueRules.replicaName(text);
        ReplicationNames.slotNameFor(name);
        ReplicationNames.applicationNameFor(name);
        return name;
    }

    private String defaultReplicaName(String file, YamlSection section) {
        String hostname = shortHostname.get();
        String hint = "set replica.name (letters, digits, - and _; at most "
                + ReplicationNames.MAX_REPLICA_NAME_LENGTH + " characters)";
        if (hostname == null || hostname.isEmpty()) {
            throw problemAtSection(file, section,
                    REPLICA_NAME + " is not set and this host's name cannot be determined", hint);
        }
        try {
            return replicaName(hostname.toLowerCase(java.util.Locale.ROOT)); // host names are case-insensitive
        } catch (InvalidValueException e) {
            throw problemAtSection(file, section, REPLICA_NAME + " is not set, and its default, this host's short name,"
                    + " cannot be used: " + e.getMessage(), hint);
        }
    }

    private static RuntimeException problemAtSection(String file, YamlSection section, String message, String hint) {
        return new ConfigProblem(REPLICA_NAME, file, section.line(), message, hint).toException();
    }

    private static ProdConfig prod(YamlSection section) {
        YamlSection sshSection = section.section("ssh");
        ProdSshConfig ssh = new ProdSshConfig(
                sshSection.find("user").map(v -> v.parse("a user name", SafeValueRules::sshUser))
                        .orElse(ProdSshConfig.DEFAULT_USER),
                sshSection.require("host", "the prod host's name or IP address, as in ssh user@HOST",
                        "host: prod.example.com").parse("a host name or address", SafeValueRules::host),
                sshSection.find("port").map(YamlValue::port).orElse(ProdSshConfig.DEFAULT_PORT),
                optionalPath(sshSection, "identity_file"),
                optionalPath(sshSection, "known_hosts"),
                sshSection.find("host_key_fingerprint").map(v -> v.parse("a host key fingerprint",
                        SafeValueRules::hostKeyFingerprint)));
        return new ProdConfig(ssh,
                section.find("pg_port").map(YamlValue::port).orElse(ProdConfig.DEFAULT_PG_PORT),
                section.find("superuser").map(v -> v.parse("a PostgreSQL role name", SafeValueRules::roleName))
                        .orElse(ProdConfig.DEFAULT_SUPERUSER),
                optionalPath(section, "superuser_password_file"),
                section.find("filestore_path").map(v -> v.parse(PATH, ConfigBinder::directory)),
                section.find("container").map(v -> v.parse("a container name", SafeValueRules::containerName)),
                section.find("data_disk_path").map(v -> v.parse(PATH, SafeValueRules::absolutePath))
                        .orElse(ProdConfig.DEFAULT_DATA_DISK_PATH));
    }

    private static PostgresConfig postgres(YamlSection section) {
        return new PostgresConfig(
                section.find("major").map(ConfigBinder::major).orElse(PostgresConfig.DEFAULT_MAJOR),
                section.find("cluster").map(v -> v.parse("a cluster name", SafeValueRules::clusterName))
                        .orElse(PostgresConfig.DEFAULT_CLUSTER),
                section.find("port").map(YamlValue::port).orElse(PostgresConfig.DEFAULT_PORT),
                section.find("hot_standby_feedback").map(YamlValue::bool)
                        .orElse(PostgresConfig.DEFAULT_HOT_STANDBY_FEEDBACK),
                section.find("replication_user").map(v -> v.parse("a PostgreSQL identifier", SafeValueRules::identifier))
                        .orElse(PostgresConfig.DEFAULT_REPLICATION_USER));
    }

    private static int major(YamlValue value) {
        return value.parse("a PostgreSQL major version such as 15", text -> {
            if (!text.matches("\\d{1,3}")) {
                throw new InvalidValueException("expected a PostgreSQL major version such as 15, found `"
                        + ValueDisplay.quote(text) + "`", "write the major only: 15.4 → 15");
            }
            int major = Integer.parseInt(text);
            if (major < PostgresConfig.OLDEST_MAJOR || major > 99) {
                throw new InvalidValueException("PostgreSQL " + major + " is not supported: odoo-dr needs "
                        + PostgresConfig.OLDEST_MAJOR + " or newer",
                        "set the major of prod's PostgreSQL (SELECT version(); on prod)");
            }
            return major;
        });
    }

    private static List<String> databases(YamlSection root, Map<String, Integer> lines) {
        Optional<YamlValue> value = root.find("databases");
        if (value.isEmpty()) {
            return Config.DEFAULT_DATABASES;
        }
        List<String> names = new ArrayList<>();
        for (YamlValue item : value.get().items("[odoo] or [odoo, odoo_test]")) {
            names.add(item.parse("an Odoo database name", SafeValueRules::databaseName));
            lines.put(item.key(), item.line());
        }
        return names;
    }

    private static FilestoreConfig filestore(YamlSection section) {
        return new FilestoreConfig(
                section.find("local_base").map(v -> v.parse(PATH, MirrorDirectory::parse))
                        .orElse(FilestoreConfig.DEFAULT_LOCAL_BASE),
                section.find("full_sync_interval").map(v -> v.parse("a duration such as 1h", ConfigBinder::interval))
                        .orElse(FilestoreConfig.DEFAULT_FULL_SYNC_INTERVAL),
                section.find("sync_interval").map(v -> v.parse("a duration such as 5s", ConfigBinder::interval))
                        .orElse(FilestoreConfig.DEFAULT_SYNC_INTERVAL));
    }

    private static ArchiveConfig archive(YamlSection section) {
        ArchiveConfig d = ArchiveConfig.DEFAULTS;
        return new ArchiveConfig(
                section.find("enabled").map(YamlValue::bool).orElse(d.enabled()),
                section.find("directory").map(v -> v.parse(PATH, ConfigBinder::directory)),
                section.find("retention").map(v -> v.parse("a duration such as 14d", ConfigBinder::interval))
                        .orElse(d.retention()),
                section.find("base_backup_interval")
                        .map(v -> v.parse("a duration such as 1d", ConfigBinder::interval))
                        .orElse(d.baseBackupInterval()));
    }

    private static DrillConfig drill(YamlSection section) {
        return new DrillConfig(optionalPath(section, "odoo_bin"),
                section.find("check_command").map(v -> v.parse("a shell command", String::strip)),
                section.find("max_age").map(v -> v.parse("a duration such as 30d", ConfigBinder::interval))
                        .orElse(DrillConfig.DEFAULT_MAX_AGE),
                section.find("schedule").flatMap(v -> v.parse("off or an interval such as 7d",
                        t -> t.strip().equals(DrillConfig.OFF) ? Optional.<Duration>empty() : Optional.of(interval(t)))));
    }

    private static Duration interval(String text) {
        Duration interval = DurationValue.parse(text);
        if (interval.isZero()) {
            throw new InvalidValueException("the interval must be longer than 0s", "e.g. 1h");
        }
        return interval;
    }

    /** A filestore directory: never / itself, which would mirror (or be filled with) a whole file system. */
    private static Path directory(String text) {
        Path path = SafeValueRules.absolutePath(text);
        if (path.getNameCount() == 0) {
            throw new InvalidValueException("`/` cannot be a filestore directory", SafeValueRules.PATH_RULE);
        }
        return path;
    }

    private static Optional<Path> optionalPath(YamlSection section, String name) {
        return section.find(name).map(v -> v.parse(PATH, SafeValueRules::absolutePath));
    }
}
