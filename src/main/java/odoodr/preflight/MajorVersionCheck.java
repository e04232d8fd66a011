package odoodr.preflight;

import odoodr.config.ConfigKeys;
import odoodr.config.PostgresConfig;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;

/** Prod's major equals postgres.major (gotcha 1): physical streaming never crosses majors. */
final class MajorVersionCheck extends PreflightCheck {
    static final String ID = "postgres-major";
    private final ProdDatabase db;

    MajorVersionCheck(Findings findings, ProdDatabase db) {
        super(findings, ID, "prod's major = postgres.major", ProdPostgresCheck.ID);
        this.db = db;
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        int prod = db.session(ctx).serverMajor();
        int configured = ctx.config().postgres().major();
        String where = ctx.config().source().lineOf(ConfigKeys.POSTGRES_MAJOR).isPresent()
                ? " (" + ctx.config().source().file() + " line " + ctx.config().source().lineOf(ConfigKeys.POSTGRES_MAJOR).getAsInt() + ")"
                : " in " + ctx.config().source().file();
        if (prod < PostgresConfig.OLDEST_MAJOR) {
            return Check.blocked("prod runs PostgreSQL " + prod + ", older than " + PostgresConfig.OLDEST_MAJOR
                            + ", the oldest odoo-dr can stream from",
                    "upgrade prod to PostgreSQL " + PostgresConfig.OLDEST_MAJOR + " or later first");
        }
        if (prod == configured) {
            return Check.satisfied("prod runs PostgreSQL " + prod + " = " + ConfigKeys.POSTGRES_MAJOR);
        }
        return Check.blocked("prod runs PostgreSQL " + prod + " but " + ConfigKeys.POSTGRES_MAJOR + " is " + configured
                        + ": physical streaming never crosses majors",
                "set " + ConfigKeys.POSTGRES_MAJOR + ": " + prod + where + " and install PostgreSQL " + prod
                        + " here; if this replica cannot run " + prod + ", upgrade prod or pivot to logical replication"
                        + " (runbook: Mismatched majors)");
    }
}
