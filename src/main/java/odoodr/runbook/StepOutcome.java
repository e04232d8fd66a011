package odoodr.runbook;

import odoodr.ExitCode;

/**
 * What happened to one step in a run; the CLI renders these, the engine never prints. {@code code} is the exit code
 * class of a blocked or failed step, null otherwise.
 */
public record StepOutcome(String stepId, String title, Result result, String detail, String hint, ExitCode code) {
    public enum Result {
        /** apply ran and verify holds. */
        DONE("done"),
        /** check found it satisfied; nothing changed. */
        ALREADY_DONE("already done"),
        /** dry run: apply would run. */
        WOULD_DO("would do"),
        /** a precondition is not met; nothing was changed by this step. */
        BLOCKED("blocked"),
        /** apply failed or its verify did not hold. */
        FAILED("failed"),
        /** not reached because an earlier step blocked or failed. */
        NOT_REACHED("not reached");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
