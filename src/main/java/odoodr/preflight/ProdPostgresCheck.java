package odoodr.preflight;

import odoodr.DrException;
import odoodr.config.ConfigKeys;
import odoodr.config.SuperuserPasswordSource;
import odoodr.runbook.Check;
import odoodr.postgres.PrimarySession;
import odoodr.runbook.SetupContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Prod's PostgreSQL answers the superuser through a temporary tunnel over the operator's SSH access (runbook A3.1),
 * and what setup copies as it is: the version, the encoding and whether pages carry checksums (a standby has the
 * same, it cannot be changed by a physical copy).
 */
final class ProdPostgresCheck extends PreflightCheck {
    static final String ID = "prod-postgres";
    private final ProdDatabase db;

    ProdPostgresCheck(Findings findings, ProdDatabase db) {
        super(findings, ID, "prod PostgreSQL through a temporary tunnel", SshReachableCheck.ID);
        this.db = db;
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        String where = ctx.config().prod().superuser() + "@127.0.0.1:" + ctx.config().prod().pgPort() + " on prod";
        PrimarySession s;
        try {
            s = db.session(ctx);
        } catch (DrException e) {
            if (!(e.getCause() instanceof SQLException sql)) {
                throw e; // ssh (tunnel) or config (no password): their own message says it
            }
            // the JDBC message names the local end of the temporary tunnel, a port the operator never chose
            return new Check(Check.State.BLOCKED, "PostgreSQL " + where + ": " + sql.getMessage(),
                    hint(ctx, sql, e.hint()), e.exitCode());
        }
        String version = s.setting("server_version").split("\\s+")[0];
        return Check.satisfied("PostgreSQL " + version + ", " + where + ", server_encoding "
                + s.setting("server_encoding") + ", data_checksums " + s.setting("data_checksums"));
    }

    /** For a wrong password: where the password came from, since that is what to fix. */
    private static String hint(SetupContext ctx, SQLException e, String fallback) {
        if (!"28P01".equals(e.getSQLState())) {
            return fallback;
        }
        Optional<Path> file = ctx.config().prod().superuserPasswordFile().filter(Files::exists);
        String user = ctx.config().prod().superuser();
        if (file.isPresent()) {
            return "the password in " + file.get() + " (" + ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE + ") is not "
                    + user + "'s on prod: put the right one in it (one line, mode 0600)";
        }
        if (System.getenv(SuperuserPasswordSource.PASSWORD_ENV) != null) {
            return SuperuserPasswordSource.PASSWORD_ENV + " does not hold " + user + "'s password on prod";
        }
        return "the password typed is not " + user + "'s on prod; check " + ConfigKeys.PROD_SUPERUSER + " too";
    }
}
