package odoodr.drill;

import odoodr.DrException;
import odoodr.ExitCode;

/**
 * {@code database.uuid} and {@code database.secret} of each database must come through the drill unchanged: a real
 * failover keeps prod's (sessions, signed links and the database's identity at Odoo's services depend on them), and
 * Odoo regenerates both when a database is restored "as a copy". They are read from the copy right after recovery
 * (a physical replay of the standby's WAL: the standby's own values at the target; the standby itself cannot be
 * read, since the replication role is granted only ir_attachment's columns and odoo-dr keeps no superuser
 * password), and again after neutralization and drill.check_command. The secret's value is never shown: only an md5
 * of it leaves the server.
 */
final class IdentityCheck {
    static final String QUERY = "SELECT coalesce((SELECT value FROM ir_config_parameter WHERE key = 'database.uuid'),"
            + " '') || '|' || coalesce((SELECT md5(value) FROM ir_config_parameter WHERE key = 'database.secret'), '')";
    private static final String EXISTS = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            + " AND tablename = 'ir_config_parameter'";

    /** One database's identity: its uuid and the md5 of its secret ("" when unset). */
    record Identity(String database, String uuid, String secretMd5) {
    }

    private IdentityCheck() {
    }

    static Identity read(LocalPsql copy, String database) {
        if (copy.value(database, EXISTS).equals("0")) {
            return new Identity(database, "", "");
        }
        String[] v = copy.value(database, QUERY).split("\\|", -1);
        return new Identity(database, v[0], v[1]);
    }

    /** One line for the report; throws when they differ. Pure. */
    static String compare(Identity recovered, Identity now) {
        String db = recovered.database();
        if (recovered.uuid().isEmpty()) {
            return db + ": no database.uuid (not an Odoo database?): not compared";
        }
        if (!now.uuid().equals(recovered.uuid())) {
            throw new DrException(ExitCode.DRILL, "database " + db + ": database.uuid changed during the drill from "
                    + recovered.uuid() + " (the standby's) to " + now.uuid(), "a real failover must keep the standby's:"
                    + " see what drill.odoo_bin or drill.check_command does to the database");
        }
        if (!now.secretMd5().equals(recovered.secretMd5())) {
            throw new DrException(ExitCode.DRILL, "database " + db + ": database.secret changed during the drill",
                    "a real failover must keep the standby's: see what drill.odoo_bin or drill.check_command does");
        }
        return db + ": database.uuid " + recovered.uuid() + " and database.secret as on the standby, kept through"
                + " neutralization and the checks";
    }
}
