package odoodr.failover;

import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.postgres.DebianCluster;

/**
 * Promotion's first precondition: the standby runs and is in recovery. Reads, before anything changes, where it
 * stands (last WAL replayed, last commit replayed, WAL receiver), which the report repeats afterwards.
 */
final class StandbyInRecoveryCheck implements Step<FailoverContext> {
    @Override
    public String id() {
        return "standby-in-recovery";
    }

    @Override
    public String title() {
        return "standby running and in recovery";
    }

    @Override
    public Check check(FailoverContext ctx) {
        DebianCluster c = ctx.cluster();
        var status = c.status();
        if (status.isEmpty()) {
            return Check.blocked("no cluster " + c.label() + " on this replica: nothing to promote", "run odoo-dr setup first");
        }
        if (!status.get().online()) {
            return Check.blocked("cluster " + c.label() + " is not running",
                    "start it (pg_ctlcluster " + c.major() + " " + c.name() + " start) and run promote again");
        }
        ReplayPosition p = LocalStandby.read(ctx.config());
        if (!p.inRecovery()) {
            return Check.satisfied("cluster " + c.label() + " is already a primary");
        }
        ctx.recordBeforePromotion(p);
        return Check.satisfied("cluster " + c.label() + " in recovery; " + p.describeReplay()
                + "; WAL receiver: " + p.walReceiver().orElse("not running (prod unreachable)"));
    }

    @Override
    public void apply(FailoverContext ctx) {
        // a precondition: checked, never applied
    }
}
