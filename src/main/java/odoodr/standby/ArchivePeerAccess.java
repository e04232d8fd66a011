package odoodr.standby;

import odoodr.config.Config;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.PeerMap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How the agent's base backups log in to the local standby: the OS user postgres over the Unix socket, by peer
 * authentication mapped to the replication role (prod may have no {@code postgres} role, so the standby, its copy,
 * has none either). One line at the top of the standby's pg_hba.conf and one in pg_ident.conf, both local files of
 * the standby (not replicated); no password is involved.
 */
final class ArchivePeerAccess {
    static final String MAP = "odoo_dr_archive";

    private ArchivePeerAccess() {
    }

    static String hbaLine(Config config) {
        return "local replication " + config.postgres().replicationUser() + " peer map=" + MAP
                + "   # odoo-dr: the agent's archive base backups, as the OS user postgres";
    }

    static String identLine(Config config) {
        return MAP + " postgres " + config.postgres().replicationUser() + "   # odoo-dr archive";
    }

    /** Null when both lines are in place; else what is missing. */
    static String missing(DebianCluster cluster, Config config) throws IOException {
        String hba = read(cluster.configDirectory().resolve("pg_hba.conf"));
        String ident = read(cluster.configDirectory().resolve("pg_ident.conf"));
        if (!hba.lines().findFirst().orElse("").equals(hbaLine(config))) {
            return "pg_hba.conf does not start with the archive's peer line";
        }
        return ident.lines().anyMatch(identLine(config)::equals) ? null : "pg_ident.conf lacks the archive's map";
    }

    /** Puts the lines in place (the hba line first: the first matching line wins), keeping every other line. */
    static void write(DebianCluster cluster, Config config) throws IOException {
        PeerMap.write(cluster, MAP, hbaLine(config), identLine(config));
    }

    private static String read(Path file) throws IOException {
        return PeerMap.read(file);
    }
}
