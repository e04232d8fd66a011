package odoodr.filestore;

import odoodr.ssh.FilestoreKey;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.runbook.SetupContext;

/**
 * Runbook B2: the filestore's own ed25519 key for the odoo user, separate from the tunnel's, and prod's host key
 * pinned in odoo's known_hosts (copied from the operator's, never trusted on first use).
 */
public final class EnsureFilestoreKeyStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "filestore-key";
    }

    @Override
    public String title() {
        return "filestore key of the odoo user";
    }

    @Override
    public Check check(SetupContext ctx) {
        return FilestoreKey.key(ctx.config()).check(ctx);
    }

    @Override
    public void apply(SetupContext ctx) {
        FilestoreKey.key(ctx.config()).ensure(ctx);
    }
}
