package odoodr.filestore;

import odoodr.DrException;
import odoodr.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * What a failed rsync's words mean (its own, and ssh's, sudo's and rrsync's on its stderr): which outcomes only look
 * like failures, which failures have a known cause, and the message and hint the user gets.
 */
final class RsyncFailure {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");

    /** The receiver's write to, or read from, a sender that has already exited. */
    private static final java.util.regex.Pattern SENDER_GONE =
            java.util.regex.Pattern.compile("rsync: .*(?:Broken pipe|connection unexpectedly closed).*");

    private RsyncFailure() {
    }

    /**
     * When prod has none of the names asked for, the sender's file list is empty and rsync ends the run in a way of
     * its own: the sender exits as soon as it has sent the empty list, without the closing handshake (main.c
     * do_server_sender); the receiver skips the transfer, prints its stats ("Number of files: 0") and exits 23 for
     * the absent names, and on its way out it sends the sender its exit code, a write that fails when ssh has already
     * gone: "rsync: [Receiver] write error: Broken pipe (32)". The outcome is complete all the same: nothing to
     * fetch, every name missing. True for exactly that: an empty file list, every requested name reported absent
     * (link_stat ... No such file or directory), and no error line but those of that early close; a refused key,
     * sudo, rrsync, a name the sender could not read or a lost connection with names unaccounted for stay failures.
     */
    static boolean nothingToSendAndSenderGone(RsyncStats stats, Collection<String> requested) {
        if (requested == null || requested.isEmpty() || !stats.listedNothing()
                || !new java.util.HashSet<>(RsyncStats.matchRequested(stats.absent(), requested)).containsAll(requested)) {
            return false;
        }
        if (!stats.errors().stream().allMatch(l -> SENDER_GONE.matcher(l).matches())) {
            return false;
        }
        LOG.debug("filestore: none of the {} name(s) asked for is on prod; rsync's sender left early: {}",
                requested.size(), stats.errors());
        return true;
    }

    /**
     * The database's directory itself is missing on prod: rrsync refuses to open it ("post-realpath open failed ...
     * No such file or directory"), or rsync's sender reports the root absent.
     */
    static boolean prodLacksDatabase(String database, RsyncStats stats) {
        return stats.absent().stream().anyMatch(p -> RsyncStats.relativeTo(database, p).isEmpty())
                || stats.errors().stream().anyMatch(l -> l.contains("rrsync error") && l.contains("No such file or directory"));
    }

    static DrException noFilestoreOnProd(String database, Path prodDir) {
        return new DrException(ExitCode.RSYNC, "filestore " + database + ": prod has no " + prodDir,
                "check databases: (Odoo database names) and prod.filestore_path in the config");
    }

    static DrException withRsyncsWords(DrException e, RsyncStats stats) {
        List<String> errors = stats.explanation();
        if (errors.isEmpty()) {
            return e;
        }
        return new DrException(e.exitCode(), e.getMessage() + ": " + String.join(" | ", lastOf(errors)),
                hint(errors) != null ? hint(errors) : e.hint(), e);
    }

    static List<String> lastOf(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 4), lines.size());
    }

    /** What to do about the usual failures, recognised from what ssh, sudo and rrsync said. */
    static String hint(List<String> errors) {
        String all = String.join("\n", errors).toLowerCase(java.util.Locale.ROOT);
        if (all.contains("permission denied (publickey")) {
            return "prod does not accept the filestore key: run odoo-dr setup --only filestore";
        }
        if (all.contains("host key verification failed") || all.contains("remote host identification has changed")) {
            return "prod's host key is not the one pinned in ~odoo/.ssh/known_hosts: if prod was really reinstalled,"
                    + " remove the old key there and run setup --only filestore; otherwise stop and investigate";
        }
        if (all.contains("sudo") && (all.contains("password") || all.contains("not allowed"))) {
            return "the login user on prod needs passwordless sudo for /usr/bin/rrsync";
        }
        if (all.contains("rrsync")) {
            return "prod's rrsync refused the request; check /usr/bin/rrsync on prod (rsync 3.2.4 or newer)";
        }
        if (all.contains("no space left")) {
            return "the disk holding the mirror is full; free space and run again";
        }
        return null;
    }
}
