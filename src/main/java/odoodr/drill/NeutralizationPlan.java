package odoodr.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * odoo-dr's own neutralization of a drill copy, written from Odoo 17's {@code odoo-bin neutralize} (the
 * {@code data/neutralize.sql} of base and mail): what it changes, table by table, and only in tables that exist (a
 * database without the mail module has no fetchmail_server). Pure: the tables present in, the statements out.
 * <ul>
 *   <li>{@code ir_mail_server}: every row inactive, plus one active dummy server on host {@code invalid} (a name that
 *       never resolves, RFC 6761), as Odoo's own does: with no active server Odoo falls back to its command-line
 *       {@code --smtp-server}, which may be the real relay.</li>
 *   <li>{@code ir_cron}: every cron inactive, the autovacuum job included (Odoo keeps that one): a drill copy lives
 *       minutes and needs no housekeeping, and autovacuum's filestore garbage collection would delete files from
 *       whatever filestore an Odoo started by drill.check_command is given (the mirror, if mounted writable).</li>
 *   <li>{@code fetchmail_server}: every incoming mail server inactive (no mailbox is read and emptied).</li>
 *   <li>{@code ir_config_parameter}: {@code database.is_neutralized = true}, the marker Odoo shows as a banner.</li>
 * </ul>
 */
public final class NeutralizationPlan {
    /** The dummy outgoing server's host: reserved, never resolves. */
    public static final String DUMMY_HOST = "invalid";
    public static final String DUMMY_NAME = "odoo-dr drill: no e-mail leaves this copy";
    public static final String MARKER = "database.is_neutralized";
    /** The tables the plan may touch, in the order it touches them. */
    public static final List<String> TABLES = List.of("ir_mail_server", "ir_cron", "fetchmail_server",
            "ir_config_parameter");

    /** One change, with what it does in words for the report. */
    public record Statement(String table, String what, String sql) {
    }

    private NeutralizationPlan() {
    }

    /** The statements for a database holding {@code tables} (only those of {@link #TABLES} matter). */
    public static List<Statement> forTables(Set<String> tables) {
        List<Statement> out = new ArrayList<>();
        if (tables.contains("ir_mail_server")) {
            out.add(new Statement("ir_mail_server", "every outgoing mail server inactive",
                    "UPDATE ir_mail_server SET active = false WHERE active"));
            out.add(new Statement("ir_mail_server", "one active dummy server on host " + DUMMY_HOST
                    + " (else Odoo falls back to its --smtp-server)",
                    "INSERT INTO ir_mail_server (name, smtp_host, smtp_port, smtp_encryption, smtp_authentication,"
                            + " sequence, active) VALUES ('" + DUMMY_NAME + "', '" + DUMMY_HOST + "', 1025, 'none',"
                            + " 'login', 0, true)"));
        }
        if (tables.contains("ir_cron")) {
            out.add(new Statement("ir_cron", "every cron inactive (autovacuum too)",
                    "UPDATE ir_cron SET active = false WHERE active"));
        }
        if (tables.contains("fetchmail_server")) {
            out.add(new Statement("fetchmail_server", "every incoming mail server inactive",
                    "UPDATE fetchmail_server SET active = false WHERE active"));
        }
        if (tables.contains("ir_config_parameter")) {
            out.add(new Statement("ir_config_parameter", MARKER + " = true",
                    "INSERT INTO ir_config_parameter (key, value) VALUES ('" + MARKER + "', 'true')"
                            + " ON CONFLICT (key) DO UPDATE SET value = 'true'"));
        }
        return out;
    }

    /** One script: every statement in one transaction, stopping at the first error. */
    public static String script(List<Statement> statements) {
        StringBuilder b = new StringBuilder("BEGIN;\n");
        statements.forEach(s -> b.append(s.sql()).append(";\n"));
        return b.append("COMMIT;\n").toString();
    }

    /**
     * The query that proves the result, one row of four columns: active mail servers that can send (any but the
     * dummy), active crons other than Odoo's autovacuum job, active fetchmail servers, and the marker ({@code -1}
     * where the table is absent, the marker empty when unset).
     */
    public static String proof(Set<String> tables) {
        String senders = tables.contains("ir_mail_server")
                ? "(SELECT count(*) FROM ir_mail_server WHERE active AND smtp_host <> '" + DUMMY_HOST + "')" : "-1";
        String autovacuum = tables.contains("ir_model_data") ? " AND id NOT IN (SELECT res_id FROM ir_model_data"
                + " WHERE model = 'ir.cron' AND module = 'base' AND name = 'autovacuum_job')" : "";
        String crons = tables.contains("ir_cron") ? "(SELECT count(*) FROM ir_cron WHERE active" + autovacuum + ")"
                : "-1";
        String fetchmail = tables.contains("fetchmail_server")
                ? "(SELECT count(*) FROM fetchmail_server WHERE active)" : "-1";
        String marker = tables.contains("ir_config_parameter")
                ? "coalesce((SELECT value FROM ir_config_parameter WHERE key = '" + MARKER + "'), '')" : "''";
        return "SELECT " + senders + " || '|' || " + crons + " || '|' || " + fetchmail + " || '|' || " + marker;
    }

    /** The tables a database may have that the plan or its proof read. */
    public static String tablesQuery() {
        return "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public' AND tablename IN ("
                + String.join(", ", java.util.stream.Stream.concat(TABLES.stream(), java.util.stream.Stream.of(
                "ir_model_data")).map(t -> "'" + t + "'").toList()) + ")";
    }
}
