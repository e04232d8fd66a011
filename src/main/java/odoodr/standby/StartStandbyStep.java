package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.postgres.DebianCluster;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

/** Runbook A5.4: the standby runs (in recovery). A refused start reports the log's reason. */
public final class StartStandbyStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "standby-running";
    }

    @Override
    public String title() {
        return "standby started";
    }

    @Override
    public Check check(SetupContext ctx) {
        var status = ctx.cluster().status();
        boolean atBoot = ctx.cluster().startMode().map("auto"::equals).orElse(true);
        if (status.isPresent() && status.get().online() && atBoot) {
            return status.get().inRecovery()
                    ? Check.satisfied("cluster " + ctx.cluster().label() + " online, in recovery, port " + status.get().port())
                    : Check.blocked("cluster " + ctx.cluster().label() + " is online but NOT in recovery (promoted?)",
                    "a promoted cluster cannot become a standby again without a fresh base backup: setup --reseed --force");
        }
        return Check.needed((atBoot ? "" : "set " + ctx.cluster().startConfFile() + " to auto (start at boot); ")
                + "pg_ctlcluster " + ctx.cluster().major() + " " + ctx.cluster().name() + " start");
    }

    @Override
    public void apply(SetupContext ctx) {
        if (!ctx.cluster().startMode().map("auto"::equals).orElse(true)) {
            ctx.cluster().setStartMode("auto"); // decommission set it to manual
        }
        if (ctx.cluster().status().map(DebianCluster.ClusterStatus::online).orElse(false)) {
            return;
        }
        try {
            ctx.cluster().start();
        } catch (DrException e) {
            String log = String.join(" | ", ctx.cluster().logTail(5));
            throw new DrException(ExitCode.DATABASE, "the standby did not start: " + log,
                    log.contains("insufficient parameter settings") || log.contains("lower setting")
                            ? "a setting is lower than on prod: run setup again (it re-reads prod's values)"
                            : "see " + ctx.cluster().logFile(), e);
        }
    }
}
