package odoodr.failover;

import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.ConnectionProfile;
import odoodr.postgres.Login;
import odoodr.DrException;
import odoodr.config.Config;
import odoodr.config.Secret;
import odoodr.ssh.TunnelProbe;
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
        int tunnelPort = c.replica().tunnelPort();
        if (TunnelProbe.postgresAnswers(tunnelPort, PROBE_MILLIS)) {
            return ask(c, tunnelPort, "through the tunnel 127.0.0.1:" + tunnelPort);
        }
        int port;
        try {
            port = ctx.setup().tunnelPort();
        } catch (DrException e) {
            return new Finding(State.UNREACHABLE, "the tunnel 127.0.0.1:" + tunnelPort + " does not answer and "
                    + e.getMessage());
        }
        String via = "through a temporary forward over " + ctx.setup().prod().target();
        if (!TunnelProbe.postgresAnswers(port, PROBE_MILLIS)) {
            return new Finding(State.POSTGRES_DOWN, "SSH to prod works, but nothing answers on prod's 127.0.0.1:"
                    + c.prod().pgPort() + " (" + via + ")");
        }
        return ask(c, port, via);
    }

    private static Finding ask(Config c, int port, String via) {
        Optional<Secret> password = ReplicationCredentials.find(c);
        if (password.isEmpty()) {
            return new Finding(State.UNKNOWN, "prod's PostgreSQL answers " + via + ", but there is no password for "
                    + c.postgres().replicationUser() + " in " + ReplicationCredentials.pgpassPath() + " to ask whether it is a primary");
        }
        Login login = ConnectionProfile.PROD_AS_REPLICATION_ROLE.login(c, port, password.get(), "postgres");
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
