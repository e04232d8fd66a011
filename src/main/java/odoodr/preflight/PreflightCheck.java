package odoodr.preflight;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.runbook.SetupContext;

import java.util.List;
import java.util.Optional;

/**
 * One read-only precondition of setup. Preflight is a runbook of preconditions only: {@link #apply} never runs, and
 * nothing a check does changes anything on prod or on this replica.
 *
 * <p>A check that needs another one (every database check needs the login) is not run when that one is blocked: it
 * reports "not checked" with the blocker's exit code, instead of repeating the same failure and its timeout.
 */
abstract class PreflightCheck implements Step<SetupContext> {
    private final Findings findings;
    private final String id;
    private final String title;
    private final List<String> requires;

    PreflightCheck(Findings findings, String id, String title, String... requires) {
        this.findings = findings;
        this.id = id;
        this.title = title;
        this.requires = List.of(requires);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    /** The checks that must be satisfied before this one can look. */
    final List<String> prerequisites() {
        return requires;
    }

    /** The prerequisites that apply with this config; a check may need fewer (none when it has nothing to do). */
    List<String> requires(SetupContext ctx) {
        return requires;
    }

    @Override
    public final Check check(SetupContext ctx) {
        Check result = prerequisiteBlocking(requires(ctx)).orElseGet(() -> evaluate(ctx));
        findings.record(id, result);
        return result;
    }

    private Optional<Check> prerequisiteBlocking(List<String> prerequisites) {
        for (String r : prerequisites) {
            Optional<Check> before = findings.result(r);
            if (before.isEmpty() || !before.get().isSatisfied()) {
                Check cause = before.orElse(null);
                return Optional.of(new Check(Check.State.BLOCKED,
                        "not checked: " + r + " is blocked", null,
                        cause != null && cause.code() != null ? cause.code() : ExitCode.PRECONDITION));
            }
        }
        return Optional.empty();
    }

    private Check evaluate(SetupContext ctx) {
        try {
            return inspect(ctx);
        } catch (DrException e) {
            return Check.blocked(e);
        }
    }

    /** The read-only check itself; a {@link DrException} becomes a blocked result with its exit code and hint. */
    protected abstract Check inspect(SetupContext ctx);

    @Override
    public final void apply(SetupContext ctx) {
        throw new UnsupportedOperationException("preflight only checks; " + id + " has nothing to apply");
    }
}
