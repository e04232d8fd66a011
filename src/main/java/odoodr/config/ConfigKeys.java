package odoodr.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every key of the config file (DESIGN.md §6) as a dotted path. These names are a public contract: scripts, docs and
 * operators' files rely on them, so add keys but never rename one. The order here is the order of the template and of
 * {@link Config#describe()}.
 */
public final class ConfigKeys {
    public static final String REPLICA = "replica";
    public static final String REPLICA_NAME = "replica.name";
    public static final String REPLICA_TUNNEL_PORT = "replica.tunnel_port";

    public static final String PROD = "prod";
    public static final String PROD_SSH = "prod.ssh";
    public static final String PROD_SSH_USER = "prod.ssh.user";
    public static final String PROD_SSH_HOST = "prod.ssh.host";
    public static final String PROD_SSH_PORT = "prod.ssh.port";
    /** Added to §6: the operator's private key for setup (ssh -i); empty = ssh's own defaults. */
    public static final String PROD_SSH_IDENTITY_FILE = "prod.ssh.identity_file";
    /** Added to §6: the known_hosts file holding prod's host key; empty = ssh's own defaults. */
    public static final String PROD_SSH_KNOWN_HOSTS = "prod.ssh.known_hosts";
    /** Added to §6: prod's host key as the operator verified it ({@code SHA256:…}); empty = shown, not enforced. */
    public static final String PROD_SSH_HOST_KEY_FINGERPRINT = "prod.ssh.host_key_fingerprint";
    public static final String PROD_PG_PORT = "prod.pg_port";
    public static final String PROD_SUPERUSER = "prod.superuser";
    public static final String PROD_SUPERUSER_PASSWORD_FILE = "prod.superuser_password_file";
    public static final String PROD_FILESTORE_PATH = "prod.filestore_path";
    public static final String PROD_CONTAINER = "prod.container";
    /** Added to §6: a path on prod's data disk; the monitor key may run only {@code df} on it. */
    public static final String PROD_DATA_DISK_PATH = "prod.data_disk_path";

    public static final String POSTGRES = "postgres";
    public static final String POSTGRES_MAJOR = "postgres.major";
    public static final String POSTGRES_CLUSTER = "postgres.cluster";
    public static final String POSTGRES_PORT = "postgres.port";
    public static final String POSTGRES_HOT_STANDBY_FEEDBACK = "postgres.hot_standby_feedback";
    /** Added to §6: the role created on prod for streaming (runbook REPL_USER). */
    public static final String POSTGRES_REPLICATION_USER = "postgres.replication_user";

    public static final String DATABASES = "databases";

    public static final String FILESTORE = "filestore";
    public static final String FILESTORE_LOCAL_BASE = "filestore.local_base";
    public static final String FILESTORE_FULL_SYNC_INTERVAL = "filestore.full_sync_interval";
    /** Added to §6: period of the attachment-driven sync (the agent's loop and nothing else). */
    public static final String FILESTORE_SYNC_INTERVAL = "filestore.sync_interval";

    public static final String AGENT = "agent";
    public static final String AGENT_LISTEN = "agent.listen";
    public static final String AGENT_LISTEN_BEYOND_LOOPBACK = "agent.listen_beyond_loopback";

    /** Added to §6: thresholds of odoo-dr status and the agent's checks ({@link HealthConfig}). */
    public static final String HEALTH = "health";
    public static final String HEALTH_LAG_WARNING = "health.lag_warning";
    public static final String HEALTH_LAG_CRITICAL = "health.lag_critical";
    public static final String HEALTH_LAG_BYTES_WARNING = "health.lag_bytes_warning";
    public static final String HEALTH_LAG_BYTES_CRITICAL = "health.lag_bytes_critical";
    public static final String HEALTH_SLOT_RETAINED_WARNING = "health.slot_retained_warning";
    public static final String HEALTH_SLOT_RETAINED_CRITICAL = "health.slot_retained_critical";
    public static final String HEALTH_DISK_FREE_WARNING = "health.disk_free_warning";
    public static final String HEALTH_DISK_FREE_CRITICAL = "health.disk_free_critical";
    public static final String HEALTH_FILESTORE_AGE_WARNING = "health.filestore_age_warning";
    public static final String HEALTH_FILESTORE_AGE_CRITICAL = "health.filestore_age_critical";

    /** Added to §6: recovery points on this replica, for point-in-time restore ({@link ArchiveConfig}). */
    public static final String ARCHIVE = "archive";
    public static final String ARCHIVE_ENABLED = "archive.enabled";
    public static final String ARCHIVE_DIRECTORY = "archive.directory";
    public static final String ARCHIVE_RETENTION = "archive.retention";
    public static final String ARCHIVE_BASE_BACKUP_INTERVAL = "archive.base_backup_interval";

    /** Added to §6: the DR drill ({@link DrillConfig}). */
    public static final String DRILL = "drill";
    public static final String DRILL_ODOO_BIN = "drill.odoo_bin";
    public static final String DRILL_CHECK_COMMAND = "drill.check_command";
    public static final String DRILL_MAX_AGE = "drill.max_age";
    public static final String DRILL_SCHEDULE = "drill.schedule";

    /** Sections (keys whose value is a mapping), parents before children. */
    public static final List<String> SECTIONS = List.of(REPLICA, PROD, PROD_SSH, POSTGRES, FILESTORE, AGENT, HEALTH,
            ARCHIVE, DRILL);

    /** Keys that hold a value, in file order. */
    public static final List<String> VALUES = List.of(
            REPLICA_NAME, REPLICA_TUNNEL_PORT,
            PROD_SSH_USER, PROD_SSH_HOST, PROD_SSH_PORT, PROD_SSH_IDENTITY_FILE, PROD_SSH_KNOWN_HOSTS,
            PROD_SSH_HOST_KEY_FINGERPRINT,
            PROD_PG_PORT, PROD_SUPERUSER, PROD_SUPERUSER_PASSWORD_FILE, PROD_FILESTORE_PATH, PROD_CONTAINER,
            PROD_DATA_DISK_PATH,
            POSTGRES_MAJOR, POSTGRES_CLUSTER, POSTGRES_PORT, POSTGRES_HOT_STANDBY_FEEDBACK, POSTGRES_REPLICATION_USER,
            DATABASES,
            FILESTORE_LOCAL_BASE, FILESTORE_FULL_SYNC_INTERVAL, FILESTORE_SYNC_INTERVAL,
            AGENT_LISTEN, AGENT_LISTEN_BEYOND_LOOPBACK,
            HEALTH_LAG_WARNING, HEALTH_LAG_CRITICAL, HEALTH_LAG_BYTES_WARNING, HEALTH_LAG_BYTES_CRITICAL,
            HEALTH_SLOT_RETAINED_WARNING, HEALTH_SLOT_RETAINED_CRITICAL, HEALTH_DISK_FREE_WARNING,
            HEALTH_DISK_FREE_CRITICAL, HEALTH_FILESTORE_AGE_WARNING, HEALTH_FILESTORE_AGE_CRITICAL,
            ARCHIVE_ENABLED, ARCHIVE_DIRECTORY, ARCHIVE_RETENTION, ARCHIVE_BASE_BACKUP_INTERVAL,
            DRILL_ODOO_BIN, DRILL_CHECK_COMMAND, DRILL_MAX_AGE, DRILL_SCHEDULE);

    private ConfigKeys() {
    }

    /** The names allowed directly under {@code section} ("" for the top level), in file order. */
    public static Set<String> childrenOf(String section) {
        Set<String> children = new LinkedHashSet<>();
        String prefix = section.isEmpty() ? "" : section + ".";
        for (String key : allKeys()) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                String rest = key.substring(prefix.length());
                if (!rest.contains(".")) {
                    children.add(rest);
                }
            }
        }
        return children;
    }

    /** Sections and values, in file order (a section comes right before its first value). */
    public static List<String> allKeys() {
        List<String> all = new ArrayList<>();
        for (String value : VALUES) {
            List<String> ancestors = new ArrayList<>();
            for (String p = parentOf(value); !p.isEmpty(); p = parentOf(p)) {
                ancestors.add(0, p);
            }
            for (String ancestor : ancestors) {
                if (!all.contains(ancestor)) {
                    all.add(ancestor);
                }
            }
            all.add(value);
        }
        return List.copyOf(all);
    }

    static String parentOf(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? "" : key.substring(0, dot);
    }

    static String join(String section, String name) {
        return section.isEmpty() ? name : section + "." + name;
    }
}
