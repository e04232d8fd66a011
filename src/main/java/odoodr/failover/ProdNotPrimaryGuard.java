package odoodr.failover;

import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

/**
 * The split-brain guard: promotion is refused while prod's PostgreSQL answers and is a primary, or answers and will
 * not say, unless the operator says {@code --force}. Two primaries take writes that can never be merged. An
 * unreachable prod is the normal case of a failover and lets promotion go on: from here, "down" and "cut off from
 * this replica only" look the same, which the next steps say.
 */
final class ProdNotPrimaryGuard implements Step<FailoverContext> {
    @Override
    public String id() {
        return "prod-not-primary";
    }

    @Override
    public String title() {
        return "prod's PostgreSQL is not a primary (split-brain guard)";
    }

    @Override
    public Check check(FailoverContext ctx) {
        ProdPrimaryProbe.Finding f = ProdPrimaryProbe.probe(ctx);
        return switch (f.state()) {
            case POSTGRES_DOWN, UNREACHABLE, STANDBY -> Check.satisfied(f.evidence());
            case PRIMARY, UNKNOWN -> {
                String risk = f.state() == ProdPrimaryProbe.State.PRIMARY
                        ? "promoting now makes two primaries: split brain, writes on both sides that can never be merged"
                        : "it may still be a primary: promoting could make two (split brain)";
                if (ctx.force()) {
                    yield Check.satisfied("--force: promoting although " + f.evidence() + "; SPLIT BRAIN: stop Odoo and"
                            + " PostgreSQL on prod now, nothing written there from here on can be kept");
                }
                yield new Check(Check.State.BLOCKED, f.evidence() + "; " + risk,
                        "if prod is really lost, stop its PostgreSQL (or cut it off) and run promote again;"
                                + " to promote anyway (split brain): odoo-dr promote --force",
                        ExitCode.FAILOVER);
            }
        };
    }

    @Override
    public void apply(FailoverContext ctx) {
        // a precondition: checked, never applied
    }
}
