package odoodr.config;

import java.util.Objects;

/**
 * {@code replica:} this machine, the standby.
 *
 * @param name       replica.name: short host name by default; names the slot and application_name on prod
 * @param tunnelPort replica.tunnel_port: names the local end of the SSH tunnel to prod's PostgreSQL, the socket
 *                   {@code /run/odoo-dr/tunnel-<port>/.s.PGSQL.<port>} ({@link PgEndpoint#permanentTunnel})
 */
public record ReplicaConfig(String name, int tunnelPort) {
    public static final int DEFAULT_TUNNEL_PORT = 40000;

    public ReplicaConfig {
        Objects.requireNonNull(name, "name");
    }

    /** {@code replica_<name with - → _>}, lower-case: this replica's physical slot on prod. */
    public String slotName() {
        return ReplicationNames.slotNameFor(name);
    }

    /** {@code <name>_replica}: how this standby appears in prod's pg_stat_replication. */
    public String applicationName() {
        return ReplicationNames.applicationNameFor(name);
    }
}
