package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.ssh.Tunnel;
import odoodr.ssh.ServiceKey;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

/**
 * Runbook A2.1: an ed25519 key for the postgres user, generated once, and prod's host key pinned in that user's
 * known_hosts ({@link ServiceKey}), so the tunnel never trusts a host key on first use by itself.
 */
public final class EnsureTunnelKeyStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "tunnel-key";
    }

    @Override
    public String title() {
        return "tunnel key of the postgres user";
    }

    @Override
    public Check check(SetupContext ctx) {
        return key(ctx).check(ctx);
    }

    @Override
    public void apply(SetupContext ctx) {
        key(ctx).ensure(ctx);
    }

    static ServiceKey key(SetupContext ctx) {
        return Tunnel.key(ctx.config());
    }
}
