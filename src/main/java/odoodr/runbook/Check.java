package odoodr.runbook;

import odoodr.DrException;
import odoodr.ExitCode;

import java.util.Objects;

/**
 * The read-only answer of a step: already satisfied (with the evidence), needed (with what apply will do), or
 * blocked (with the reason and what the operator must do first).
 */
public record Check(State state, String detail, String hint, ExitCode code) {
    public enum State { SATISFIED, NEEDED, BLOCKED }

    public Check {
        Objects.requireNonNull(state);
        Objects.requireNonNull(detail);
    }

    public static Check satisfied(String evidence) {
        return new Check(State.SATISFIED, evidence, null, null);
    }

    public static Check needed(String whatApplyWillDo) {
        return new Check(State.NEEDED, whatApplyWillDo, null, null);
    }

    public static Check blocked(String reason, String hint) {
        return new Check(State.BLOCKED, reason, hint, ExitCode.PRECONDITION);
    }

    /** A check that could not even look (prod unreachable, authentication refused): blocked with the error's class. */
    public static Check blocked(DrException e) {
        return new Check(State.BLOCKED, e.getMessage(), e.hint(), e.exitCode());
    }

    public boolean isSatisfied() {
        return state == State.SATISFIED;
    }
}
