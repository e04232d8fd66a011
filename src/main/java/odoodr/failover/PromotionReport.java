package odoodr.failover;

import odoodr.ExitCode;
import odoodr.runbook.RunReport;

import java.util.List;
import java.util.Optional;

/**
 * The result of {@code promote}: the steps, whether the cluster was a primary already, where it stood against prod
 * when promoted (the last WAL and commit that came from prod), what may be lost, and what the operator does next.
 */
public record PromotionReport(RunReport run, boolean alreadyPromoted, Optional<ReplayPosition> lastFromProd,
                              List<String> mayBeLost, List<String> nextSteps) {
    public PromotionReport {
        mayBeLost = List.copyOf(mayBeLost);
        nextSteps = List.copyOf(nextSteps);
    }

    /** True when this run promoted the cluster. */
    public boolean promoted() {
        return !alreadyPromoted && !run.dryRun() && run.succeeded();
    }

    public ExitCode exitCode() {
        return alreadyPromoted ? ExitCode.OK : run.exitCode();
    }
}
