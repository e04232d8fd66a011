package odoodr.failover;

import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.ConnectionProfile;
import odoodr.postgres.Login;
import odoodr.DrException;
import odoodr.config.Config;
import odoodr.config.Secret;
import odoodr.ssh.TunnelProbe;
import odoodr.config.PgEndpoint;
import odoodr.postgres.PrimarySession;
import odoodr.postgres.ReplicationCredentials;

import java.util.Optional;

/**
 * Is prod's PostgreSQL up and still a primary? Asked as the replication role (never the superuser: it may be the one
 * credential nobody can type during an outage) through the permanent tunnel, and when that does not answer, through a
 * temporary forward over the operator's own SSH access (the tunnel's supervisor may be the thing that died).
 */
final class ProdPrimaryProbe {
    private static final int PROBE_MILLIS = 3000;

    enum State {
        /** answered pg_is_in_recovery() = false */
        PRIMARY,
        /** answered pg_is_in_recovery() = true: prod is itself a standby now */
        STANDBY,
        /** prod's host answers SSH but nothing answers on its PostgreSQL port */
        POSTGRES_DOWN,
        /** neither the tunnel nor the operator's SSH reaches prod */
        UNREACHABLE,
        /** PostgreSQL answers but would not tell (login refused, no stored password) */
        UNKNOWN
    }

    record Finding(State state, String evidence) {
    }

    private ProdPrimaryProbe() {
    }

    static Finding probe(FailoverContext ctx) {
        Config c = ctx.config();
        PgEndpoint tunnel = PgEndpoint.permanentTunnel(c);
        if (TunnelProbe.postgresAnswers(tunnel, PROBE_MILLIS)) {
            return ask(c, tunnel, "through the tunnel " + tunnel);
        }
        PgEndpoint temporary;
        try {
            temporary = ctx.setup().temporaryTunnel();
        } catch (DrException e) {
            return new Finding(State.UNREACHABLE, "the tunnel " + tunnel + " does not answer and "
                    + e.getMessage());
        }
        String via = "through a temporary forward over " + ctx.setup().prod().target();
        if (!TunnelProbe.postgresAnswers(temporary, System.getProperty("user.name"), PROBE_MILLIS)) {
            return new Finding(State.POSTGRES_DOWN, "SSH to prod works, but nothing answers on prod's 127.0.0.1:"
                    + c.prod().pgPort() + " (" + via + ")");
        }
        return ask(c, temporary, via);
    }

    private static Finding ask(Config c, PgEndpoint endpoint, String via) {
        Optional<Secret> password = ReplicationCredentials.find(c);
        if (password.isEmpty()) {
            return new Finding(State.UNKNOWN, "prod's PostgreSQL answers " + via + ", but there is no password for "
                    + c.postgres().replicationUser() + " in " + ReplicationCredentials.pgpassPath() + " to ask whether it is a primary");
        }
        Login login = ConnectionProfile.PROD_AS_REPLICATION_ROLE.login(c, endpoint, password.get(), "postgres");
        try (PrimarySession s = ConnectionFactory.session(login)) {
            boolean recovery = "t".equals(s.requireValue("SELECT pg_is_in_recovery()"));
            return recovery
                    ? new Finding(State.STANDBY, "prod's PostgreSQL answers " + via + " and is in recovery (not a primary)")
                    : new Finding(State.PRIMARY, "prod's PostgreSQL answers " + via + " and is a primary (pg_is_in_recovery() = false)");
        } catch (DrException e) {
            return new Finding(State.UNKNOWN, "prod's PostgreSQL answers " + via + " but would not tell whether it is a primary: "
                    + e.getMessage());
        }
    }
}
