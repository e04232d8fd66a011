package odoodr.drill;

import odoodr.DrException;
import odoodr.ExitCode;

/**
 * The copy's {@code database.uuid} and {@code database.secret} against the standby's: after a real failover the
 * promoted standby must keep both (sessions, signed links and the database's identity at Odoo's services depend on
 * them), and Odoo regenerates them when a database is restored "as a copy". The copy is a restore of the standby, so
 * they must be equal; the secret's value is never printed.
 */
final class IdentityCheck {
    static final String QUERY = "SELECT coalesce((SELECT value FROM ir_config_parameter WHERE key = 'database.uuid'),"
            + " '') || '|' || coalesce((SELECT md5(value) FROM ir_config_parameter WHERE key = 'database.secret'), '')";

    private IdentityCheck() {
    }

    /** One line for the report; throws when they differ. */
    static String check(LocalPsql copy, LocalPsql standby, String database) {
        String[] mine = copy.value(database, QUERY).split("\\|", -1);
        String[] theirs = standby.value(database, QUERY).split("\\|", -1);
        return compare(database, mine, theirs);
    }

    /** {uuid, md5 of the secret} of the copy and of the standby. Pure. */
    static String compare(String database, String[] copy, String[] standby) {
        if (standby[0].isEmpty()) {
            return database + ": no database.uuid on the standby (not an Odoo database?): not compared";
        }
        if (!copy[0].equals(standby[0])) {
            throw new DrException(ExitCode.DRILL, "database " + database + ": the copy's database.uuid " + copy[0]
                    + " differs from the standby's " + standby[0], "a real failover would keep the standby's; report it");
        }
        if (!copy[1].equals(standby[1])) {
            throw new DrException(ExitCode.DRILL, "database " + database + ": the copy's database.secret differs from"
                    + " the standby's", "a real failover would keep the standby's; report it");
        }
        return database + ": database.uuid " + standby[0] + " and database.secret equal to the standby's";
    }
}
