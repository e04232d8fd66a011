package odoodr.standby;

import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.ConnectionProfile;
import odoodr.postgres.Login;
import odoodr.runbook.SetupContext;
import odoodr.postgres.ReplicationCredentials;
import odoodr.postgres.PrimarySession;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Runbook A6: the standby is in recovery, its WAL receiver streams, prod's pg_stat_replication shows this replica
 * streaming, a write on the standby fails as read-only, and replay is close to what was received. It connects to
 * the standby over TCP as the replication role (a copy of prod's roles; there may be no postgres role at all).
 */
public final class VerifyStreamingStep implements Step<SetupContext> {
    private static final Duration WAIT_FOR_STREAMING = Duration.ofSeconds(60);

    @Override
    public String id() {
        return "streaming";
    }

    @Override
    public String title() {
        return "standby streaming from prod, read-only";
    }

    @Override
    public Check check(SetupContext ctx) {
        var status = ctx.cluster().status();
        if (status.isEmpty() || !status.get().online()) {
            return Check.needed("verify streaming once the standby runs");
        }
        long deadline = System.nanoTime() + WAIT_FOR_STREAMING.toNanos();
        Check last;
        do {
            last = once(ctx);
            if (last.isSatisfied()) {
                return last;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        return last;
    }

    private static Check once(SetupContext ctx) {
        Config c = ctx.config();
        Secret password = ReplicationCredentials.find(c).orElse(null);
        Login login = ConnectionProfile.LOCAL_STANDBY.login(c, PgEndpoint.loopback(c.postgres().port()), password, "postgres");
        try (PrimarySession standby = ConnectionFactory.session(login)) {
            if (!"t".equals(standby.requireValue("SELECT pg_is_in_recovery()"))) {
                return Check.blocked("the standby is not in recovery", "it was promoted: a fresh base backup is needed (--reseed --force)");
            }
            String receiver = standby.queryValue("SELECT status FROM pg_stat_wal_receiver").orElse("no WAL receiver");
            if (!"streaming".equals(receiver)) {
                return Check.blocked("WAL receiver: " + receiver, "see " + ctx.cluster().logFile() + " and the tunnel");
            }
            Optional<String> onProd;
            try (PrimarySession prod = ctx.superuserSession("postgres")) {
                onProd = prod.queryValue("SELECT state || ' ' || coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint"
                        + " FROM pg_stat_replication WHERE application_name = ?", c.applicationName());
            }
            if (onProd.isEmpty() || !onProd.get().startsWith("streaming")) {
                return Check.blocked("prod's pg_stat_replication has no streaming row for " + c.applicationName(),
                        "see " + ctx.cluster().logFile());
            }
            String readOnly = writeRefusal(standby);
            if (readOnly == null) {
                throw new DrException(ExitCode.VERIFY, "a write on the standby succeeded: it is not read-only", "stop and investigate");
            }
            String behind = onProd.get().substring("streaming ".length());
            return Check.satisfied("in recovery, WAL receiver streaming, prod sees " + c.applicationName()
                    + " streaming (" + behind + " bytes behind), writes refused: " + readOnly);
        }
    }

    /** The error a write gets on the standby, or null when the write worked (which must never happen). */
    private static String writeRefusal(PrimarySession standby) {
        try (var st = standby.connection().createStatement()) {
            st.execute("CREATE TABLE odoo_dr_write_test ()");
            return null;
        } catch (SQLException e) {
            return "25006".equals(e.getSQLState()) ? "read-only transaction" : e.getMessage();
        }
    }

    @Override
    public void apply(SetupContext ctx) {
        // Streaming is a consequence of the steps before; verify waits for it.
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
