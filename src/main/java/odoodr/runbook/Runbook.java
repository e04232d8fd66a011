package odoodr.runbook;

import odoodr.DrException;
import odoodr.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs steps in order, the way the runbook asks a human to: check, do, verify, and never go past a failed verify.
 * <ul>
 * <li>Preconditions (read-only checks) all run first; every blocked one is reported together, and nothing is
 * changed unless all pass.</li>
 * <li>A satisfied step is skipped ("already done"), so a second run changes nothing and an interrupted run
 * resumes where it stopped.</li>
 * <li>In a dry run only checks run, for real; each needed step reports what it would do.</li>
 * </ul>
 */
public final class Runbook<C> {
    private static final Logger LOG = LoggerFactory.getLogger("runbook");

    private final List<Step<C>> preconditions;
    private final List<Step<C>> steps;

    public Runbook(List<? extends Step<C>> preconditions, List<? extends Step<C>> steps) {
        this.preconditions = List.copyOf(preconditions);
        this.steps = List.copyOf(steps);
    }

    public List<Step<C>> steps() {
        return steps;
    }

    public RunReport run(C ctx, boolean dryRun, Consumer<StepOutcome> listener) {
        List<StepOutcome> outcomes = new ArrayList<>();
        Consumer<StepOutcome> record = o -> {
            outcomes.add(o);
            LOG.debug("{}: {} {}", o.stepId(), o.result().label(), o.detail());
            listener.accept(o);
        };

        boolean blocked = false;
        for (Step<C> p : preconditions) {
            Check c = safeCheck(p, ctx);
            if (c.state() == Check.State.SATISFIED) {
                record.accept(out(p, StepOutcome.Result.ALREADY_DONE, c));
            } else {
                blocked = true;
                record.accept(out(p, StepOutcome.Result.BLOCKED, c));
            }
        }

        for (Step<C> step : steps) {
            if (blocked) {
                record.accept(new StepOutcome(step.id(), step.title(), StepOutcome.Result.NOT_REACHED, "", null, null));
                continue;
            }
            Check c = safeCheck(step, ctx);
            switch (c.state()) {
                case SATISFIED -> record.accept(out(step, StepOutcome.Result.ALREADY_DONE, c));
                case BLOCKED -> {
                    blocked = true;
                    record.accept(out(step, StepOutcome.Result.BLOCKED, c));
                }
                case NEEDED -> {
                    if (dryRun) {
                        record.accept(out(step, StepOutcome.Result.WOULD_DO, c));
                    } else {
                        StepOutcome o = applyAndVerify(step, ctx, c);
                        record.accept(o);
                        blocked = o.result() != StepOutcome.Result.DONE;
                    }
                }
            }
        }
        return new RunReport(dryRun, List.copyOf(outcomes));
    }

    private StepOutcome applyAndVerify(Step<C> step, C ctx, Check before) {
        LOG.info("{}: {}", step.id(), before.detail());
        try {
            step.apply(ctx);
        } catch (DrException e) {
            return new StepOutcome(step.id(), step.title(), StepOutcome.Result.FAILED, e.getMessage(), e.hint(), e.exitCode());
        }
        Check after = safeCheck(step, ctx, true);
        if (after.isSatisfied()) {
            return new StepOutcome(step.id(), step.title(), StepOutcome.Result.DONE, before.detail(), null, null);
        }
        return new StepOutcome(step.id(), step.title(), StepOutcome.Result.FAILED,
                "verification failed after applying: " + after.detail(),
                after.hint() != null ? after.hint() : "nothing after this step was run; fix the cause and run setup again",
                ExitCode.VERIFY);
    }

    private Check safeCheck(Step<C> step, C ctx) {
        return safeCheck(step, ctx, false);
    }

    /** A check that throws is a blocked step with the error's own message and hint, never a crash of the run. */
    private Check safeCheck(Step<C> step, C ctx, boolean verify) {
        try {
            return verify ? step.verify(ctx) : step.check(ctx);
        } catch (DrException e) {
            return Check.blocked(e);
        }
    }

    private static StepOutcome out(Step<?> step, StepOutcome.Result r, Check c) {
        return new StepOutcome(step.id(), step.title(), r, c.detail(), c.hint(), c.code());
    }

}
