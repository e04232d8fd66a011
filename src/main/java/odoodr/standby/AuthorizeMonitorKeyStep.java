package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.ssh.MonitorKey;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.ssh.AuthorizedKey;
import odoodr.ssh.RemoteAuthorizedKeys;

import java.nio.file.Files;

/**
 * Least privilege for the health checks: the monitor key is authorised on prod, through the operator's existing
 * access, for a forced {@code df} of prod.data_disk_path — no shell, no forwarding, no sudo. A changed
 * prod.data_disk_path replaces the line (found by its comment) on the next setup.
 */
public final class AuthorizeMonitorKeyStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "monitor-key-authorized";
    }

    @Override
    public String title() {
        return "monitor key authorised on prod (df only)";
    }

    @Override
    public Check check(SetupContext ctx) {
        String what = "df of " + ctx.config().prod().dataDiskPath();
        if (!Files.exists(MonitorKey.key(ctx.config()).publicKey())) {
            return Check.needed("authorise the new monitor key in ~" + ctx.config().prod().ssh().user()
                    + "/.ssh/authorized_keys on prod, restricted to a " + what);
        }
        AuthorizedKey key = key(ctx);
        return new RemoteAuthorizedKeys(ctx.prod()).contains(key)
                ? Check.satisfied(key.comment() + " restricted to a " + what)
                : Check.needed("authorise " + key.comment() + " on prod with: " + key.options());
    }

    @Override
    public void apply(SetupContext ctx) {
        new RemoteAuthorizedKeys(ctx.prod()).ensure(key(ctx));
    }

    private static AuthorizedKey key(SetupContext ctx) {
        return MonitorKey.authorizedKey(ctx.config(), MonitorKey.key(ctx.config()).readPublicKey());
    }
}
