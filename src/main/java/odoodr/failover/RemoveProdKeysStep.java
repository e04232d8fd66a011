package odoodr.failover;

import odoodr.config.Config;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.ssh.RemoteAuthorizedKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * Runbook "Decommission" 3: this replica's lines leave prod's {@code ~/.ssh/authorized_keys}, found by their
 * comments (the tunnel's {@code odoo-dr-tunnel@<name>}, the health monitor's {@code odoo-dr-monitor@<name>} and the
 * filestore's {@code odoo-dr-filestore@<name>}); every other line stays, byte for byte.
 */
final class RemoveProdKeysStep implements Step<FailoverContext> {
    static List<String> comments(Config c) {
        return OurServiceKeys.of(c).stream().map(k -> k.comment()).toList();
    }

    @Override
    public String id() {
        return "prod-authorized-keys";
    }

    @Override
    public String title() {
        return "our keys removed from prod's authorized_keys";
    }

    @Override
    public Check check(FailoverContext ctx) {
        RemoteAuthorizedKeys keys = new RemoteAuthorizedKeys(ctx.setup().prod());
        List<String> present = new ArrayList<>();
        for (String comment : comments(ctx.config())) {
            if (!keys.linesWithComment(comment).isEmpty()) {
                present.add(comment);
            }
        }
        String file = "~" + ctx.config().prod().ssh().user() + "/.ssh/authorized_keys on prod";
        return present.isEmpty()
                ? Check.satisfied("no " + String.join(" or ", comments(ctx.config())) + " line in " + file)
                : Check.needed("remove the lines of " + String.join(", ", present) + " from " + file);
    }

    @Override
    public void apply(FailoverContext ctx) {
        RemoteAuthorizedKeys keys = new RemoteAuthorizedKeys(ctx.setup().prod());
        comments(ctx.config()).forEach(keys::remove);
    }
}
