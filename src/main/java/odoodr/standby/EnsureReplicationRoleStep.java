package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.postgres.ReplicationCredentials;
import odoodr.postgres.PrimarySession;
import odoodr.config.Config;
import odoodr.config.Secret;
import odoodr.postgres.ExistingRole;
import odoodr.postgres.ReplicationRoleSql;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.postgres.Passwords;
import odoodr.postgres.ScramVerifier;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

import java.util.List;
import java.util.Optional;

/**
 * Runbook A3.2: the replication role on prod, {@code REPLICATION LOGIN} plus {@code pg_monitor} (daily checks then
 * need no superuser), with a strong random password. The password reaches prod only as a SCRAM verifier computed
 * here, so no server log, pg_stat_statements or process list ever holds it; it is stored only in ~postgres/.pgpass.
 *
 * <p>A role it creates carries the comment {@link ReplicationRoleSql#MADE_BY_ODOO_DR}. An existing role that odoo-dr
 * did not make, or that has powers beyond replication (superuser, CREATEROLE, CREATEDB, BYPASSRLS, other roles'
 * memberships, owned objects), is refused: resetting its password would lock out whoever uses it (Odoo itself, with
 * {@code replication_user: odoo}). The operator may take it over on purpose with {@code setup --adopt-role}; it is then
 * marked adopted, and decommission does not offer to drop it.
 */
public final class EnsureReplicationRoleStep implements Step<SetupContext> {
    private static final String DB = "postgres";

    @Override
    public String id() {
        return "replication-role";
    }

    @Override
    public String title() {
        return "replication role on prod";
    }

    @Override
    public Check check(SetupContext ctx) {
        Config c = ctx.config();
        String role = c.postgres().replicationUser();
        Optional<Secret> stored = ReplicationCredentials.find(c);
        try (PrimarySession s = ctx.superuserSession(DB)) {
            Optional<String> state = s.queryValue("SELECT concat_ws(',', CASE WHEN rolreplication THEN 'replication' END,"
                    + " CASE WHEN rolcanlogin THEN 'login' END,"
                    + " CASE WHEN pg_has_role(oid, 'pg_monitor', 'MEMBER') THEN 'pg_monitor' END) FROM pg_roles WHERE rolname = ?", role);
            if (state.isEmpty()) {
                return Check.needed("create role " + role + " WITH REPLICATION LOGIN, grant pg_monitor, store its new password in "
                        + ReplicationCredentials.pgpassPath() + " (0600)");
            }
            ExistingRole existing = ExistingRole.find(s, role).orElseThrow();
            List<String> reasons = existing.reasonsNotToAdopt();
            if (!reasons.isEmpty() && !ctx.options().adoptRole()) {
                return Check.blocked(refusal(role, reasons), adoptHint());
            }
            String adopt = reasons.isEmpty() ? "" : "--adopt-role: take over role " + role + ", which " + String.join("; ", reasons)
                    + " (mark it adopted, keep its other powers), and ";
            boolean passwordKnown = stored.isPresent() && knownPassword(s, role, stored.get());
            Optional<String> otherReplica = otherReplica(existing, c);
            if (otherReplica.isPresent() && !passwordKnown && !ctx.options().adoptRole()) {
                return Check.blocked(sharedRefusal(role, otherReplica.get()), sharedHint(c));
            }
            if (otherReplica.isPresent() && !passwordKnown) {
                adopt = "--adopt-role: take over role " + role + " from replica " + otherReplica.get()
                        + " (its streaming stops: its password is replaced), and ";
            }
            if (state.get().equals("replication,login,pg_monitor") && passwordKnown && existing.odooDrs()) {
                return Check.satisfied(role + " (REPLICATION LOGIN, pg_monitor), password in " + ReplicationCredentials.pgpassPath());
            }
            return Check.needed(adopt + "alter role " + role + " to REPLICATION LOGIN + pg_monitor"
                    + (passwordKnown ? "" : " with a new password stored in " + ReplicationCredentials.pgpassPath()));
        }
    }

    @Override
    public void apply(SetupContext ctx) {
        Config c = ctx.config();
        String role = c.postgres().replicationUser();
        Optional<Secret> stored = ReplicationCredentials.find(c);
        try (PrimarySession s = ctx.superuserSession(DB)) {
            Optional<ExistingRole> existing = ExistingRole.find(s, role);
            List<String> reasons = existing.map(ExistingRole::reasonsNotToAdopt).orElse(List.of());
            if (!reasons.isEmpty() && !ctx.options().adoptRole()) {
                throw new DrException(ExitCode.PRECONDITION, refusal(role, reasons), adoptHint());
            }
            String replica = c.replica().name();
            Optional<String> otherReplica = existing.flatMap(e -> otherReplica(e, c));
            boolean passwordKnown = stored.isPresent() && knownPassword(s, role, stored.get());
            if (otherReplica.isPresent() && !passwordKnown && !ctx.options().adoptRole()) {
                throw new DrException(ExitCode.PRECONDITION, sharedRefusal(role, otherReplica.get()), sharedHint(c));
            }
            Secret password = stored.orElseGet(() -> Secret.of(Passwords.generate()));
            ReplicationCredentials.store(c, password); // stored first: a password on prod that nobody knows helps no one
            String verifier = ScramVerifier.compute(password.reveal()).text();
            String comment = existing.isEmpty() ? ReplicationRoleSql.MADE_BY_ODOO_DR + replica
                    : otherReplica.isPresent() ? ReplicationRoleSql.ADOPTED_BY_ODOO_DR + replica
                    : existing.get().odooDrs() ? null : ReplicationRoleSql.ADOPTED_BY_ODOO_DR + replica;
            // Utility statements take no bind parameters; format() quotes the name and the (hashed) password.
            s.execute("DO $$ BEGIN"
                    + " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + literal(role) + ") THEN"
                    + "  EXECUTE format('ALTER ROLE %I WITH REPLICATION LOGIN PASSWORD %L', " + literal(role) + ", " + literal(verifier) + ");"
                    + " ELSE"
                    + "  EXECUTE format('CREATE ROLE %I WITH REPLICATION LOGIN PASSWORD %L', " + literal(role) + ", " + literal(verifier) + ");"
                    + " END IF;"
                    + " EXECUTE format('GRANT pg_monitor TO %I', " + literal(role) + ");"
                    + (comment == null ? "" : " EXECUTE format('COMMENT ON ROLE %I IS %L', " + literal(role) + ", " + literal(comment) + ");")
                    + " END $$");
        }
    }

    /** The other replica this odoo-dr role serves, when it is not this one. */
    private static Optional<String> otherReplica(ExistingRole existing, Config c) {
        return existing.replicaName().filter(name -> !name.equals(c.replica().name()));
    }

    private static boolean knownPassword(PrimarySession s, String role, Secret password) {
        String verifier = s.queryValue("SELECT rolpassword FROM pg_authid WHERE rolname = ?", role).orElse("");
        return ScramVerifier.isVerifier(verifier) && ScramVerifier.parse(verifier).matches(password.reveal());
    }

    static String sharedRefusal(String role, String otherReplica) {
        return "postgres.replication_user " + role + " is the replication role of another replica of this prod ("
                + otherReplica + "): setup would reset its password and stop that replica's streaming";
    }

    static String sharedHint(Config c) {
        return "give each replica its own role: set postgres.replication_user to e.g. replicator_"
                + c.replica().name().replace('-', '_') + " (setup creates it); --adopt-role takes this one over";
    }

    static String refusal(String role, List<String> reasons) {
        return "postgres.replication_user " + role + " already exists on prod and " + String.join("; ", reasons)
                + ": setup would reset its password and lock out whoever uses it";
    }

    static String adoptHint() {
        return "set postgres.replication_user to a new name (setup creates that role), or, if this role is meant for"
                + " odoo-dr's replication only, run setup --adopt-role to take it over as it is";
    }

    /** A SQL string literal; the values are validated identifiers and a SCRAM verifier (base64, '$', ':'). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
