package odoodr.runbook;

import odoodr.ExitCode;

import java.util.List;

/** The outcome of every step of one run, in order. */
public record RunReport(boolean dryRun, List<StepOutcome> outcomes) {

    public boolean succeeded() {
        return outcomes.stream().allMatch(o -> switch (o.result()) {
            case DONE, ALREADY_DONE, WOULD_DO -> true;
            default -> false;
        });
    }

    public List<StepOutcome> blocked() {
        return outcomes.stream().filter(o -> o.result() == StepOutcome.Result.BLOCKED).toList();
    }

    /** 0 when every step is done or would be; otherwise the class of the first blocked or failed step. */
    public ExitCode exitCode() {
        return outcomes.stream().filter(o -> o.code() != null).map(StepOutcome::code).findFirst().orElse(ExitCode.OK);
    }

    public boolean changedNothing() {
        return outcomes.stream().noneMatch(o -> o.result() == StepOutcome.Result.DONE || o.result() == StepOutcome.Result.FAILED);
    }
}
