package odoodr.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One effective value for {@code --dry-run} and debug output: the key, its value as text, and where it came from
 * ({@code /etc/odoo-dr/odoo-dr.yaml:7}, {@code default}, or {@code derived from replica.name}). Never a secret: the
 * superuser password is not part of the config, only the path of its file.
 */
public record EffectiveSetting(String key, String value, String origin) {
    public static final String NOT_SET = "(not set)";
    public static final String DEFAULT = "default";
    /** Keys of the derived values; not config keys (they cannot be set). */
    public static final String SLOT_NAME = "replica.slot_name";
    public static final String APPLICATION_NAME = "replica.application_name";

    static List<EffectiveSetting> describe(Config config) {
        List<EffectiveSetting> settings = new ArrayList<>();
        SourceMap source = config.source();
        for (String key : ConfigKeys.VALUES) {
            String origin = source.lineOf(key).stream().mapToObj(line -> source.file() + ":" + line).findFirst()
                    .orElse(DEFAULT);
            settings.add(new EffectiveSetting(key, valueOf(config, key), origin));
        }
        String derived = "derived from " + ConfigKeys.REPLICA_NAME;
        settings.add(new EffectiveSetting(SLOT_NAME, config.slotName(), derived));
        settings.add(new EffectiveSetting(APPLICATION_NAME, config.applicationName(), derived));
        return List.copyOf(settings);
    }

    private static String valueOf(Config c, String key) {
        return switch (key) {
            case ConfigKeys.REPLICA_NAME -> c.replica().name();
            case ConfigKeys.REPLICA_TUNNEL_PORT -> String.valueOf(c.replica().tunnelPort());
            case ConfigKeys.PROD_SSH_USER -> c.prod().ssh().user();
            case ConfigKeys.PROD_SSH_HOST -> c.prod().ssh().host();
            case ConfigKeys.PROD_SSH_PORT -> String.valueOf(c.prod().ssh().port());
            case ConfigKeys.PROD_SSH_IDENTITY_FILE -> path(c.prod().ssh().identityFile());
            case ConfigKeys.PROD_SSH_KNOWN_HOSTS -> path(c.prod().ssh().knownHosts());
            case ConfigKeys.PROD_SSH_HOST_KEY_FINGERPRINT -> c.prod().ssh().hostKeyFingerprint().orElse(NOT_SET);
            case ConfigKeys.PROD_PG_PORT -> String.valueOf(c.prod().pgPort());
            case ConfigKeys.PROD_SUPERUSER -> c.prod().superuser();
            case ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE -> path(c.prod().superuserPasswordFile());
            case ConfigKeys.PROD_FILESTORE_PATH -> path(c.prod().filestorePath());
            case ConfigKeys.PROD_CONTAINER -> c.prod().container().orElse(NOT_SET);
            case ConfigKeys.PROD_DATA_DISK_PATH -> c.prod().dataDiskPath().toString();
            case ConfigKeys.POSTGRES_MAJOR -> String.valueOf(c.postgres().major());
            case ConfigKeys.POSTGRES_CLUSTER -> c.postgres().cluster();
            case ConfigKeys.POSTGRES_PORT -> String.valueOf(c.postgres().port());
            case ConfigKeys.POSTGRES_HOT_STANDBY_FEEDBACK -> String.valueOf(c.postgres().hotStandbyFeedback());
            case ConfigKeys.POSTGRES_REPLICATION_USER -> c.postgres().replicationUser();
            case ConfigKeys.DATABASES -> "[" + String.join(", ", c.databases()) + "]";
            case ConfigKeys.FILESTORE_LOCAL_BASE -> c.filestore().localBase().toString();
            case ConfigKeys.FILESTORE_FULL_SYNC_INTERVAL -> DurationValue.format(c.filestore().fullSyncInterval());
            case ConfigKeys.FILESTORE_SYNC_INTERVAL -> DurationValue.format(c.filestore().syncInterval());
            case ConfigKeys.AGENT_LISTEN -> c.agent().listen().toString();
            case ConfigKeys.AGENT_LISTEN_BEYOND_LOOPBACK -> String.valueOf(c.agent().listenBeyondLoopback());
            case ConfigKeys.HEALTH_LAG_WARNING -> DurationValue.format(c.health().lagWarning());
            case ConfigKeys.HEALTH_LAG_CRITICAL -> DurationValue.format(c.health().lagCritical());
            case ConfigKeys.HEALTH_LAG_BYTES_WARNING -> ByteSizeValue.format(c.health().lagBytesWarning());
            case ConfigKeys.HEALTH_LAG_BYTES_CRITICAL -> ByteSizeValue.format(c.health().lagBytesCritical());
            case ConfigKeys.HEALTH_SLOT_RETAINED_WARNING -> ByteSizeValue.format(c.health().slotRetainedWarning());
            case ConfigKeys.HEALTH_SLOT_RETAINED_CRITICAL -> ByteSizeValue.format(c.health().slotRetainedCritical());
            case ConfigKeys.HEALTH_DISK_FREE_WARNING -> PercentValue.format(c.health().diskFreeWarning());
            case ConfigKeys.HEALTH_DISK_FREE_CRITICAL -> PercentValue.format(c.health().diskFreeCritical());
            case ConfigKeys.HEALTH_FILESTORE_AGE_WARNING -> DurationValue.format(c.health().filestoreAgeWarning());
            case ConfigKeys.HEALTH_FILESTORE_AGE_CRITICAL -> DurationValue.format(c.health().filestoreAgeCritical());
            case ConfigKeys.ARCHIVE_ENABLED -> String.valueOf(c.archive().enabled());
            case ConfigKeys.ARCHIVE_DIRECTORY -> c.archiveDirectory().toString();
            case ConfigKeys.ARCHIVE_RETENTION -> DurationValue.format(c.archive().retention());
            case ConfigKeys.ARCHIVE_BASE_BACKUP_INTERVAL -> DurationValue.format(c.archive().baseBackupInterval());
            case ConfigKeys.DRILL_ODOO_BIN -> path(c.drill().odooBin());
            case ConfigKeys.DRILL_CHECK_COMMAND -> c.drill().checkCommand().orElse(NOT_SET);
            case ConfigKeys.DRILL_MAX_AGE -> DurationValue.format(c.drill().maxAge());
            case ConfigKeys.DRILL_SCHEDULE -> c.drill().schedule().map(DurationValue::format).orElse(DrillConfig.OFF);
            default -> throw new IllegalStateException("no rendering for config key " + key);
        };
    }

    private static String path(Optional<Path> path) {
        return path.map(Path::toString).orElse(NOT_SET);
    }
}
