package odoodr.filestore.sync;

import odoodr.DrException;
import odoodr.config.Config;
import odoodr.postgres.Identifiers;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.postgres.PrimarySession;
import odoodr.runbook.SetupContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets the replication role read, on the standby, the few columns of {@code ir_attachment} that say which files
 * exist. The standby is read-only, but a GRANT made on prod replicates to it. Least privilege: CONNECT on each
 * configured database and SELECT on these columns only, never the table, so neither {@code db_datas} (content kept
 * in the database), {@code index_content} nor {@code access_token} become readable. Whether a row's content is in
 * the database needs no {@code db_datas}: {@code store_fname IS NULL} says it.
 */
public final class AttachmentReadGrantStep implements Step<SetupContext> {
    /** Every column the sync and verify read, and nothing else. */
    public static final List<String> COLUMNS = List.of("id", "type", "store_fname", "checksum", "file_size",
            "res_model", "name", "url");

    @Override
    public String id() {
        return "attachment-read-grant";
    }

    @Override
    public String title() {
        return "replication role may read ir_attachment's file columns";
    }

    @Override
    public Check check(SetupContext ctx) {
        Config c = ctx.config();
        String role = c.postgres().replicationUser();
        List<String> missing = new ArrayList<>();
        boolean roleExists = true;
        for (String db : c.databases()) {
            State s;
            try {
                s = state(ctx, db, role);
            } catch (DrException e) {
                return Check.blocked(e);
            }
            if (!s.hasTable()) {
                return Check.blocked("database " + db + " on prod has no table ir_attachment",
                        "is " + db + " an Odoo database? list only Odoo databases under `databases:` in the config");
            }
            roleExists = s.roleExists();
            if (!s.complete()) {
                missing.add(db);
            }
        }
        String what = "SELECT (" + String.join(", ", COLUMNS) + ") ON ir_attachment and CONNECT to " + role;
        if (missing.isEmpty()) {
            return Check.satisfied(role + " may read " + String.join(", ", COLUMNS) + " of ir_attachment in "
                    + String.join(", ", c.databases()));
        }
        return Check.needed("grant " + what + " in " + String.join(", ", missing) + " on prod"
                + (roleExists ? "" : " (once the replication role exists)") + "; the grant replicates to the standby");
    }

    @Override
    public void apply(SetupContext ctx) {
        Config c = ctx.config();
        String role = Identifiers.quoteIdent(c.postgres().replicationUser());
        for (String db : c.databases()) {
            try (PrimarySession s = ctx.superuserSession(db)) {
                s.execute("GRANT CONNECT ON DATABASE " + Identifiers.quoteIdent(db) + " TO " + role);
                if (!"true".equals(s.requireValue("SELECT has_schema_privilege(?, 'public', 'USAGE')::text",
                        c.postgres().replicationUser()))) {
                    s.execute("GRANT USAGE ON SCHEMA public TO " + role);
                }
                s.execute("GRANT SELECT (" + String.join(", ", COLUMNS) + ") ON TABLE public.ir_attachment TO " + role);
            }
        }
    }

    private record State(boolean hasTable, boolean roleExists, boolean complete) {
    }

    private static State state(SetupContext ctx, String db, String role) {
        try (PrimarySession s = ctx.superuserSession(db)) {
            boolean hasTable = "true".equals(s.requireValue("SELECT (to_regclass('public.ir_attachment') IS NOT NULL)::text"));
            boolean roleExists = "true".equals(s.requireValue("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)::text", role));
            if (!hasTable || !roleExists) {
                return new State(hasTable, roleExists, false);
            }
            String all = s.requireValue("SELECT (has_database_privilege(?, current_database(), 'CONNECT')"
                    + " AND has_schema_privilege(?, 'public', 'USAGE')"
                    + " AND (SELECT bool_and(has_column_privilege(?, 'public.ir_attachment', col, 'SELECT'))"
                    + "      FROM unnest(string_to_array(?, ',')) AS col))::text",
                    role, role, role, String.join(",", COLUMNS));
            return new State(true, true, "true".equals(all));
        }
    }
}
