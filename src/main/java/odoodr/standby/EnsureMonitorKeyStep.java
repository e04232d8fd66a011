package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.ssh.MonitorKey;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

/**
 * The health monitor's own ed25519 key for the postgres user ({@link MonitorKey}), separate from the tunnel's: it
 * may only read prod's free disk, so a leak of it gives away a number and nothing else. Prod's host key is pinned in
 * the same known_hosts as the tunnel's (copied from the operator's, never trusted on first use).
 */
public final class EnsureMonitorKeyStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "monitor-key";
    }

    @Override
    public String title() {
        return "monitor key of the postgres user";
    }

    @Override
    public Check check(SetupContext ctx) {
        return MonitorKey.key(ctx.config()).check(ctx);
    }

    @Override
    public void apply(SetupContext ctx) {
        MonitorKey.key(ctx.config()).ensure(ctx);
    }
}
