package odoodr.postgres;

import odoodr.host.ServiceUser;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.process.Redactor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The replication role's password lives in one place only: {@code ~postgres/.pgpass}, mode 0600, with both the
 * {@code replication} and the {@code *} lines (gotcha 4). The standby's primary_conninfo points at it with
 * {@code passfile=} (gotcha 10), and odoo-dr's own checks read it from there.
 */
public final class ReplicationCredentials {
    /** Where setup before the Unix-socket tunnel stored the lines: decommission removes these too. */
    public static final String LEGACY_TUNNEL_HOST = PgEndpoint.LOOPBACK;

    private ReplicationCredentials() {
    }

    /**
     * The host field of our lines: the permanent tunnel's socket directory, which is what libpq matches for a
     * socket outside its default directory (the walreceiver's and pg_basebackup's {@code host=}).
     */
    public static String tunnelHost(Config config) {
        return PgEndpoint.permanentTunnel(config).host();
    }

    public static Path pgpassPath() {
        return ServiceUser.POSTGRES.home().resolve(".pgpass");
    }

    public static PgPassFile pgpass() {
        PgPassFile f = PgPassFile.at(pgpassPath());
        return ServiceUser.runningAsRoot() ? f.ownedBy(ServiceUser.POSTGRES.name()) : f;
    }

    /** The stored password of the replication role, if setup has stored one. */
    public static Optional<Secret> find(Config config) {
        try {
            Optional<Secret> s = pgpass().find(tunnelHost(config), config.replica().tunnelPort(), PgPassEntry.REPLICATION_DATABASE,
                    config.postgres().replicationUser()).map(e -> Secret.of(e.password()));
            s.ifPresent(p -> Redactor.register(p.reveal()));
            return s;
        } catch (IOException e) {
            throw new DrException(ExitCode.DATABASE, "cannot read " + pgpassPath() + ": " + e.getMessage(), null, e);
        }
    }

    public static void store(Config config, Secret password) {
        try {
            pgpass().ensureEntries(PgPassEntry.replicationPair(tunnelHost(config), config.replica().tunnelPort(),
                    config.postgres().replicationUser(), password.reveal()));
        } catch (IOException e) {
            throw new DrException(ExitCode.DATABASE, "cannot write " + pgpassPath() + ": " + e.getMessage(), null, e);
        }
    }

    public static List<String> describe(Config config) {
        return List.of(tunnelHost(config) + ":" + config.replica().tunnelPort() + ":replication:" + config.postgres().replicationUser() + ":" + Redactor.MASK,
                tunnelHost(config) + ":" + config.replica().tunnelPort() + ":*:" + config.postgres().replicationUser() + ":" + Redactor.MASK);
    }
}
