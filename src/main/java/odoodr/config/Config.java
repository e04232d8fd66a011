package odoodr.config;

import java.util.List;
import java.util.Objects;

/**
 * The effective configuration (DESIGN.md §6): what the file says, defaults filled in, every value already checked
 * for type and syntax. Cross-field checks are in {@link #validate()}. Holds no secret: the prod superuser's password
 * is read by {@link SuperuserPasswordSource} when a step needs it.
 *
 * @param databases Odoo databases whose filestores are mirrored
 * @param source    where each key was written, for messages that point at a line
 */
public record Config(ReplicaConfig replica, ProdConfig prod, PostgresConfig postgres, List<String> databases,
                     FilestoreConfig filestore, AgentConfig agent, HealthConfig health, ArchiveConfig archive,
                     DrillConfig drill, SourceMap source) {
    public static final List<String> DEFAULT_DATABASES = List.of("odoo");

    public Config {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(prod, "prod");
        Objects.requireNonNull(postgres, "postgres");
        databases = List.copyOf(databases);
        Objects.requireNonNull(filestore, "filestore");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(drill, "drill");
        Objects.requireNonNull(source, "source");
    }

    /** Without health:, archive: and drill: sections: the default thresholds, no archive, no scheduled drill. */
    public Config(ReplicaConfig replica, ProdConfig prod, PostgresConfig postgres, List<String> databases,
                  FilestoreConfig filestore, AgentConfig agent, SourceMap source) {
        this(replica, prod, postgres, databases, filestore, agent, HealthConfig.DEFAULTS, ArchiveConfig.DEFAULTS,
                DrillConfig.DEFAULTS, source);
    }

    /** This standby's archive directory (archive.directory, or its default under the cluster's name). */
    public java.nio.file.Path archiveDirectory() {
        return archive.directoryFor(postgres.cluster());
    }

    /** This replica's physical replication slot on prod: {@code replica_<name with - → _>}. */
    public String slotName() {
        return replica.slotName();
    }

    /** This standby's application_name, as prod's pg_stat_replication shows it: {@code <name>_replica}. */
    public String applicationName() {
        return replica.applicationName();
    }

    /** Cross-field and file-system checks, all reported together: errors and warnings, each with key and line. */
    public ValidationResult validate() {
        return new ConfigValidator(System.getProperty("user.name")).validate(this);
    }

    /** Every effective value in file order, with where it came from, plus the derived names; no secret values. */
    public List<EffectiveSetting> describe() {
        return EffectiveSetting.describe(this);
    }
}
