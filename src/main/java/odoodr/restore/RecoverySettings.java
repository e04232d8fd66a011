package odoodr.restore;

import odoodr.postgres.ConfLiteral;
import odoodr.process.ShellQuote;

import java.nio.file.Path;
import java.util.Map;

/**
 * The restored copy's conf.d file: recovery from the archive to its target, then promotion, and nothing that could
 * reach prod or the archive: no primary_conninfo (the data directory's postgresql.auto.conf is replaced by an empty
 * one, and standby.signal removed), archive_mode off, localhost only. Pure.
 *
 * @param port            the copy's own port
 * @param archiveWal      the archive's wal/ directory, read first
 * @param standbyWal      the standby's pg_wal: the newest WAL, not yet completed into an archived segment; only read
 * @param target          where recovery stops
 * @param primaryLimits   the settings a hot standby needs at least as high as the WAL's origin (from pg_controldata of
 *                        the copied backup), so the copy can be watched read-only while it recovers
 */
public record RecoverySettings(int port, Path archiveWal, Path standbyWal, RecoveryTarget target,
                               Map<String, String> primaryLimits) {
    public static final String FILE_NAME = "odoo-dr-restore.conf";

    /**
     * The restore_command (run by sh as postgres): the archive's copy when it has one, else the standby's. A segment
     * missing from both fails the command, which PostgreSQL reads as the end of the WAL.
     */
    public String restoreCommand() {
        String archived = escaped(archiveWal) + "/%f";
        String standby = escaped(standbyWal) + "/%f";
        return "test -f " + archived + " && cp " + archived + " %p || cp " + standby + " %p";
    }

    /** A directory for the command: shell-quoted, and a {@code %} doubled so PostgreSQL does not substitute it. */
    private static String escaped(Path dir) {
        return ShellQuote.quote(dir.toString()).replace("%", "%%");
    }

    public String render() {
        StringBuilder b = new StringBuilder("# Written by odoo-dr restore: a copy recovered from the archive, never a"
                + " standby.\n# It reads the archive and the standby's pg_wal, writes to neither, and never connects"
                + " to prod.\n");
        b.append("port = ").append(port).append('\n');
        b.append("listen_addresses = 'localhost'\n");
        b.append("archive_mode = off\n");
        b.append("hot_standby = on   # read-only queries while it recovers; writable once promoted\n");
        primaryLimits.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        b.append("restore_command = ").append(ConfLiteral.quote(restoreCommand())).append('\n');
        b.append(target.setting()).append('\n');
        b.append("recovery_target_action = 'promote'\n");
        return b.toString();
    }
}
