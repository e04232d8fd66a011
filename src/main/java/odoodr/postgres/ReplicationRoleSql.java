package odoodr.postgres;

/**
 * The SQL that creates or updates the replication role on the primary (runbook A3.2), as text for a plain
 * {@code Statement}: role statements cannot take bind parameters (see {@link Identifiers}).
 *
 * <p>Unlike the runbook's {@code DO} block, the existence test is a separate parameterised query
 * ({@link #ROLE_EXISTS}) and the password is sent as a {@link ScramVerifier}, never in clear, so that statement
 * logging on prod cannot capture it. PostgreSQL stores a SCRAM verifier given as the password as it is; the role
 * then authenticates with {@code scram-sha-256} (or {@code md5} in pg_hba.conf, which accepts SCRAM verifiers).
 */
public final class ReplicationRoleSql {
    /** One parameter, the role name: returns a row if the role exists. */
    public static final String ROLE_EXISTS = "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?";

    /** The start of the comment on every role odoo-dr creates; {@link ExistingRole} tells ours from others by it. */
    public static final String MADE_BY_ODOO_DR = "odoo-dr replication role for ";
    /** The start of the comment on a role that existed before and was taken over with setup --adopt-role. */
    public static final String ADOPTED_BY_ODOO_DR = "adopted by odoo-dr as replication role for ";

    private ReplicationRoleSql() {
    }

    /** {@code CREATE ROLE "<role>" WITH LOGIN REPLICATION PASSWORD '<verifier>'}. */
    public static String createRole(String role, ScramVerifier verifier) {
        return "CREATE ROLE " + Identifiers.quoteIdent(role) + " WITH LOGIN REPLICATION PASSWORD "
                + Identifiers.quoteLiteral(verifier.text());
    }

    /** {@code ALTER ROLE "<role>" WITH LOGIN REPLICATION PASSWORD '<verifier>'}: re-asserts the attributes too. */
    public static String alterRole(String role, ScramVerifier verifier) {
        return "ALTER ROLE " + Identifiers.quoteIdent(role) + " WITH LOGIN REPLICATION PASSWORD "
                + Identifiers.quoteLiteral(verifier.text());
    }

    /**
     * {@code GRANT pg_monitor TO "<role>"}: lets the replication role read {@code pg_stat_replication} and the slot
     * views in full, so daily checks need no superuser (DESIGN.md §7). Granting it again only raises a NOTICE.
     */
    public static String grantMonitor(String role) {
        return "GRANT pg_monitor TO " + Identifiers.quoteIdent(role);
    }
}
