package odoodr.failover;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.PrimarySession;

import java.time.Duration;

/**
 * Runbook "Promotion": {@code pg_ctlcluster <major> <cluster> promote}, then wait until the cluster takes writes.
 * The standby's position is read again right before promoting, so the report names the last WAL that came from prod.
 */
final class PromoteStep implements Step<FailoverContext> {
    static final Duration WRITABLE_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String id() {
        return "promote";
    }

    @Override
    public String title() {
        return "standby promoted to primary";
    }

    @Override
    public Check check(FailoverContext ctx) {
        DebianCluster c = ctx.cluster();
        try (PrimarySession s = LocalStandby.connect(ctx.config())) {
            if (LocalStandby.read(s).inRecovery()) {
                return Check.needed("pg_ctlcluster " + c.major() + " " + c.name() + " promote, then wait until it takes"
                        + " writes (at most " + WRITABLE_TIMEOUT.toSeconds() + " s)");
            }
            return LocalStandby.acceptsWrites(s)
                    ? Check.satisfied("cluster " + c.label() + " is a primary and takes writes")
                    : Check.blocked("cluster " + c.label() + " left recovery but refuses writes", "see " + c.logFile());
        }
    }

    @Override
    public void apply(FailoverContext ctx) {
        DebianCluster c = ctx.cluster();
        ctx.recordBeforePromotion(LocalStandby.read(ctx.config()));
        try {
            c.promote();
        } catch (DrException e) {
            throw new DrException(ExitCode.FAILOVER, "promotion failed: " + e.getMessage(),
                    "see " + c.logFile() + "; the cluster is still a standby unless its log says otherwise", e);
        }
        long deadline = System.nanoTime() + WRITABLE_TIMEOUT.toNanos();
        while (true) {
            ReplayPosition p = LocalStandby.read(ctx.config());
            if (!p.inRecovery()) {
                ctx.recordAfterPromotion(p);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new DrException(ExitCode.FAILOVER, "cluster " + c.label() + " is still in recovery "
                        + WRITABLE_TIMEOUT.toSeconds() + " s after pg_ctlcluster promote",
                        "see " + c.logFile() + " (" + String.join(" | ", c.logTail(3)) + ")");
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrException(ExitCode.FAILOVER, "interrupted while waiting for the promotion", null, e);
        }
    }
}
