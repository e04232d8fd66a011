package odoodr.failover;

import odoodr.runbook.Check;
import odoodr.runbook.Step;

/**
 * HOOK: after promotion this replica is the source of truth, so the filestore loops (which copy from prod) must stop.
 * There are none yet (the agent is not built). The tunnel is deliberately kept: after promotion it carries nothing
 * (a primary has no WAL receiver and nothing here writes through it), and it is how status sees the old prod come back
 * as a primary; decommission removes it.
 */
final class StopFilestoreLoopsStep implements Step<FailoverContext> {
    @Override
    public String id() {
        return "filestore-loops-stopped";
    }

    @Override
    public String title() {
        return "filestore loops stopped";
    }

    @Override
    public Check check(FailoverContext ctx) {
        return Check.satisfied("no filestore loop exists yet (agent not built): nothing to stop; the tunnel is kept"
                + " (it carries nothing after promotion)");
    }

    @Override
    public void apply(FailoverContext ctx) {
        // nothing to stop yet (see the class comment)
    }
}
