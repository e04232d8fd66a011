package odoodr.drill;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.PeerMap;
import odoodr.process.ProcessRunner;

import java.io.IOException;
import java.time.Duration;

/**
 * odoo-dr's way into a drill copy: the copy's catalog is prod's, whose superuser (prod.superuser) is usually not
 * {@code postgres} and whose password odoo-dr keeps nowhere, so the copy's own pg_hba.conf (a file of the copy's
 * Debian cluster, never the standby's) gets a peer line mapping the OS user postgres to that role, and is reloaded.
 * Waits until the login works: a reload is a signal, read by the server a moment later.
 */
final class CopyAccess {
    static final String MAP = "odoo_dr_drill";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private CopyAccess() {
    }

    static String hbaLine(String role) {
        return "local all " + role + " peer map=" + MAP + "   # odoo-dr drill: neutralize and check, as the OS user postgres";
    }

    static LocalPsql open(ProcessRunner runner, DebianCluster copy, int port, String role, String database) {
        try {
            PeerMap.write(copy, MAP, hbaLine(role), MAP + " postgres " + role + "   # odoo-dr drill");
        } catch (IOException e) {
            throw new DrException(ExitCode.DRILL, "cannot give odoo-dr a login to the copy " + copy.label() + ": "
                    + e.getMessage(), "run odoo-dr drill as root", e);
        }
        copy.reload();
        LocalPsql psql = new LocalPsql(runner, copy.major(), port, role);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                psql.value(database, "SELECT 1");
                return psql;
            } catch (DrException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DrException(ExitCode.DRILL, "drill interrupted", null, e);
            }
        }
    }
}
