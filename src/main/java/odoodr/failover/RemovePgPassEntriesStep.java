package odoodr.failover;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.postgres.PgPassEntry;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.postgres.ReplicationCredentials;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * The replication role's password lines for the tunnel ({@code <socket directory>:<tunnel_port>}, both the
 * replication and the {@code *} line, and the {@code 127.0.0.1:<tunnel_port>} lines of a setup before the
 * Unix-socket tunnel) leave ~postgres/.pgpass; every other line stays as it is.
 */
final class RemovePgPassEntriesStep implements Step<FailoverContext> {
    @Override
    public String id() {
        return "pgpass-entries";
    }

    @Override
    public String title() {
        return "tunnel passwords removed from " + ReplicationCredentials.pgpassPath();
    }

    @Override
    public Check check(FailoverContext ctx) {
        String where = ReplicationCredentials.tunnelHost(ctx.config()) + ":" + ctx.config().replica().tunnelPort();
        long n;
        try {
            n = ReplicationCredentials.pgpass().read().entries().stream().filter(ours(ctx)).count();
        } catch (IOException e) {
            throw new DrException(ExitCode.FAILOVER, "cannot read " + ReplicationCredentials.pgpassPath() + ": " + e.getMessage(), null, e);
        }
        return n == 0 ? Check.satisfied("no line for " + where)
                : Check.needed("remove the " + n + " line(s) for " + where);
    }

    @Override
    public void apply(FailoverContext ctx) {
        try {
            ReplicationCredentials.pgpass().removeEntries(ours(ctx));
        } catch (IOException e) {
            throw new DrException(ExitCode.FAILOVER, "cannot write " + ReplicationCredentials.pgpassPath() + ": " + e.getMessage(), null, e);
        }
    }

    private static Predicate<PgPassEntry> ours(FailoverContext ctx) {
        String port = Integer.toString(ctx.config().replica().tunnelPort());
        String host = ReplicationCredentials.tunnelHost(ctx.config());
        return e -> e.port().equals(port) && (e.host().equals(host)
                || e.host().equals(ReplicationCredentials.LEGACY_TUNNEL_HOST));
    }
}
