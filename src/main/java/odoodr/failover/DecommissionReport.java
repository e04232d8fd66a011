package odoodr.failover;

import odoodr.runbook.RunReport;

import java.util.List;

/**
 * The result of {@code decommission}: the steps, and what was kept on purpose (the standby's data, the filestore
 * mirror, the replication role on prod), each with where it is and how to remove it.
 */
public record DecommissionReport(RunReport run, List<String> kept) {
    public DecommissionReport {
        kept = List.copyOf(kept);
    }

    /** A run that found every step already done: nothing was changed. */
    public boolean alreadyDone() {
        return !run.dryRun() && run.succeeded() && run.changedNothing();
    }
}
