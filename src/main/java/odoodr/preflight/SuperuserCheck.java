package odoodr.preflight;

import odoodr.config.ConfigKeys;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;

/**
 * prod.superuser really is a superuser (runbook Section 1: "Verify: rolsuper=t"): setup creates the replication
 * role and the slot with it. A role that merely owns the Odoo databases is not enough.
 */
final class SuperuserCheck extends PreflightCheck {
    static final String ID = "prod-superuser";
    private final ProdDatabase db;

    SuperuserCheck(Findings findings, ProdDatabase db) {
        super(findings, ID, "prod.superuser is a superuser", ProdPostgresCheck.ID);
        this.db = db;
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        String user = ctx.config().prod().superuser();
        boolean superuser = Boolean.parseBoolean(db.session(ctx).requireValue(
                "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"));
        if (superuser) {
            return Check.satisfied(user + " has rolsuper");
        }
        return Check.blocked(user + " is not a superuser on prod (rolsuper = f): it cannot create the replication role"
                        + " and slot",
                "set " + ConfigKeys.PROD_SUPERUSER + " to a superuser of prod (often odoo, sometimes postgres; list them"
                        + " with SELECT rolname FROM pg_roles WHERE rolsuper)");
    }
}
