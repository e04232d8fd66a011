package odoodr.config;

import java.util.Objects;

/**
 * {@code postgres:} the standby cluster on this replica (Debian layout), and the replication role on prod.
 *
 * @param major              postgres.major: must equal prod's major (physical streaming does not cross majors)
 * @param cluster            postgres.cluster: Debian cluster name (/etc/postgresql/major/cluster)
 * @param port               postgres.port: the standby's own port
 * @param hotStandbyFeedback postgres.hot_standby_feedback: on for reporting replicas, off for pure DR (gotcha 6)
 * @param replicationUser    postgres.replication_user: role created on prod WITH REPLICATION LOGIN (runbook REPL_USER)
 */
public record PostgresConfig(int major, String cluster, int port, boolean hotStandbyFeedback, String replicationUser) {
    public static final int DEFAULT_MAJOR = 15;
    /** pg_basebackup -R writes standby.signal from 12 on; older majors need recovery.conf, which odoo-dr does not write. */
    public static final int OLDEST_MAJOR = 12;
    public static final String DEFAULT_CLUSTER = "main";
    public static final int DEFAULT_PORT = 5432;
    public static final boolean DEFAULT_HOT_STANDBY_FEEDBACK = true;
    public static final String DEFAULT_REPLICATION_USER = "replicator";

    public PostgresConfig {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(replicationUser, "replicationUser");
    }
}
