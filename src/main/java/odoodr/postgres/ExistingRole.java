package odoodr.postgres;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What prod says about an existing role that odoo-dr is asked to use as its replication role: whether odoo-dr made
 * it (the comment {@link ReplicationRoleSql#MADE_BY_ODOO_DR} it sets on every role it creates), and every power it has
 * beyond the REPLICATION LOGIN + pg_monitor that odoo-dr grants. Setup resets the password of the role it uses, so
 * adopting, say, Odoo's own database role would lock prod's Odoo out; decommission offers DROP ROLE only for a role
 * odoo-dr made.
 */
public record ExistingRole(String name, List<String> powers, Optional<String> comment) {
    /**
     * One parameter, the role name; one text: the powers, ", "-separated (empty for none). Ownership is read from
     * pg_shdepend, which records the owner of every object in every database (and of the databases), and, for what
     * pg_shdepend leaves out, from the catalogs of the database we are connected to.
     */
    static final String POWERS = "WITH r AS (SELECT * FROM pg_catalog.pg_roles WHERE rolname = ?) SELECT concat_ws('; ',"
            + " CASE WHEN r.rolsuper THEN 'is a superuser' END,"
            + " CASE WHEN r.rolcreaterole THEN 'has CREATEROLE' END,"
            + " CASE WHEN r.rolcreatedb THEN 'has CREATEDB' END,"
            + " CASE WHEN r.rolbypassrls THEN 'has BYPASSRLS' END,"
            + " (SELECT 'is a member of ' || string_agg(g.rolname, ', ' ORDER BY g.rolname) FROM pg_catalog.pg_auth_members m"
            + "   JOIN pg_catalog.pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid AND g.rolname <> 'pg_monitor' HAVING count(*) > 0),"
            + " (SELECT 'owns ' || count(*) || ' objects (' || string_agg(DISTINCT d.classid::regclass::text, ', ') || ')'"
            + "   FROM pg_catalog.pg_shdepend d WHERE d.refclassid = 'pg_catalog.pg_authid'::regclass AND d.refobjid = r.oid"
            + "   AND d.deptype = 'o' HAVING count(*) > 0),"
            + " (SELECT 'owns database ' || string_agg(datname, ', ' ORDER BY datname) FROM pg_catalog.pg_database"
            + "   WHERE datdba = r.oid HAVING count(*) > 0),"
            + " (SELECT 'owns ' || n || ' relations, functions or schemas in database ' || current_database() FROM"
            + "   (SELECT (SELECT count(*) FROM pg_catalog.pg_class WHERE relowner = r.oid)"
            + "    + (SELECT count(*) FROM pg_catalog.pg_proc WHERE proowner = r.oid)"
            + "    + (SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspowner = r.oid) AS n) c WHERE n > 0)"
            + ") FROM r";
    static final String COMMENT = "SELECT shobj_description(oid, 'pg_authid') FROM pg_catalog.pg_roles WHERE rolname = ?";

    public ExistingRole {
        powers = List.copyOf(powers);
    }

    /** The role as prod describes it, or empty when prod has no role of that name. */
    public static Optional<ExistingRole> find(PrimarySession session, String name) {
        Optional<String> powers = session.queryValue(POWERS, name);
        if (powers.isEmpty()) {
            return Optional.empty();
        }
        List<String> list = powers.get().isEmpty() ? List.of() : Arrays.asList(powers.get().split("; "));
        return Optional.of(new ExistingRole(name, list, session.queryValue(COMMENT, name)));
    }

    /** True when odoo-dr created this role (not one it adopted on the operator's word). */
    public boolean madeByOdooDr() {
        return comment.filter(c -> c.startsWith(ReplicationRoleSql.MADE_BY_ODOO_DR)).isPresent();
    }

    /** True when odoo-dr made it or the operator had it adopted with setup --adopt-role. */
    public boolean odooDrs() {
        return madeByOdooDr() || comment.filter(c -> c.startsWith(ReplicationRoleSql.ADOPTED_BY_ODOO_DR)).isPresent();
    }

    /**
     * The replica odoo-dr made or adopted this role for (the name its comment ends with), or empty for a role that is
     * not odoo-dr's. Another replica of the same prod that resets this role's password cuts that one off.
     */
    public Optional<String> replicaName() {
        return comment.flatMap(c -> {
            for (String prefix : List.of(ReplicationRoleSql.MADE_BY_ODOO_DR, ReplicationRoleSql.ADOPTED_BY_ODOO_DR)) {
                if (c.startsWith(prefix) && c.length() > prefix.length()) {
                    return Optional.of(c.substring(prefix.length()));
                }
            }
            return Optional.empty();
        });
    }

    /** Why setup may not take this role over without --adopt-role; empty when it may. */
    public List<String> reasonsNotToAdopt() {
        List<String> reasons = new ArrayList<>(powers);
        if (!odooDrs()) {
            reasons.add("was not made by odoo-dr (" + comment.map(c -> "its comment is '" + c + "'").orElse("it has no odoo-dr comment") + ")");
        }
        return reasons;
    }
}
