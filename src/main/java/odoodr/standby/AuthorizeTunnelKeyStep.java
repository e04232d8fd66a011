package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.ssh.Tunnel;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.ssh.AuthorizedKey;
import odoodr.ssh.RemoteAuthorizedKeys;

import java.nio.file.Files;

/**
 * Runbook A2.1, least privilege: the tunnel key is authorised on prod for one thing only, forwarding to prod's
 * PostgreSQL on loopback (no shell, no other forward), through the operator's existing access.
 */
public final class AuthorizeTunnelKeyStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "tunnel-key-authorized";
    }

    @Override
    public String title() {
        return "tunnel key authorised on prod (forwarding only)";
    }

    @Override
    public Check check(SetupContext ctx) {
        if (!Files.exists(Tunnel.publicKey(ctx.config()))) {
            return Check.needed("authorise the new tunnel key in ~" + ctx.config().prod().ssh().user()
                    + "/.ssh/authorized_keys on prod, restricted to forwarding to 127.0.0.1:" + ctx.config().prod().pgPort());
        }
        AuthorizedKey key = key(ctx);
        return new RemoteAuthorizedKeys(ctx.prod()).contains(key)
                ? Check.satisfied(key.comment() + " restricted to 127.0.0.1:" + ctx.config().prod().pgPort())
                : Check.needed("authorise " + key.comment() + " on prod with: " + key.options());
    }

    @Override
    public void apply(SetupContext ctx) {
        new RemoteAuthorizedKeys(ctx.prod()).ensure(key(ctx));
    }

    private static AuthorizedKey key(SetupContext ctx) {
        return Tunnel.authorizedKey(ctx.config(), EnsureTunnelKeyStep.key(ctx).readPublicKey());
    }
}
