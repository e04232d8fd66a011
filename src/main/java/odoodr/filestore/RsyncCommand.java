package odoodr.filestore;

import odoodr.ssh.ServiceKeyRole;
import odoodr.config.Config;
import odoodr.ssh.SshTarget;
import odoodr.ssh.TunnelSpec;
import odoodr.host.ServiceUser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rsync command lines of the filestore mirror: prod → here, pulled by the odoo user (never root: a non-root
 * receiver cannot chown, so every file and directory is odoo's and no {@code --usermap}/{@code --numeric-ids} is
 * needed whatever uid prod's files have — gotcha 13), over the filestore key, to rrsync on prod (remote paths are
 * relative to prod.filestore_path).
 *
 * <ul>
 * <li>{@code -rt}: recursive, with modification times, so the next pass skips unchanged files by size and time.</li>
 * <li>{@code -p --chmod=D0750,F0640}: permissions are set, not copied: directories 0750, files 0640, whatever
 * prod's are and whatever the umask.</li>
 * <li>{@code -S}: sparse files stay sparse (harmless for attachments, as the runbook has it).</li>
 * <li>{@code --partial-dir=.rsync-partial}: an interrupted file is kept there, under its name, and the next run
 * resumes from it; a file appears under its final name only complete (rsync writes into a temporary file and renames
 * it). A relative partial-dir is excluded from the transfer by rsync itself.</li>
 * <li>never {@code --delete} (gotcha 14): prod's garbage collector may remove a file the standby still references.</li>
 * <li>{@code --stderr=all --stats --no-human-readable}: everything on stderr (rsync ≥ 3.2.4), counts as plain
 * digits, for {@link RsyncStats} and {@link RsyncProgress}.</li>
 * </ul>
 */
final class RsyncCommand {
    static final String PARTIAL_DIR = ".rsync-partial";
    /** flock's exit code when an earlier rsync still holds the lock file after {@link #ORPHAN_WAIT_SECONDS}. */
    static final int EARLIER_RSYNC_RUNNING = 75;
    static final int ORPHAN_WAIT_SECONDS = 600;

    enum Mode {
        /** The initial copy: progress against a known total (the whole file list first). */
        SEED,
        /** The safety net: a full pass at low CPU and I/O priority. */
        FULL_PASS,
        /** Exactly the files named on stdin (NUL-separated). */
        FETCH
    }

    private RsyncCommand() {
    }

    static List<String> argv(Config config, String database, Path localDir, Mode mode) {
        List<String> argv = new ArrayList<>(orphanGuard());
        if (mode == Mode.FULL_PASS) {
            argv.addAll(List.of("nice", "-n", "10", "ionice", "-c2", "-n7"));
        }
        argv.addAll(List.of("rsync", mode == Mode.FETCH ? "-tpS" : "-rtpS",
                "--partial-dir=" + PARTIAL_DIR, "--chmod=D0750,F0640",
                "--stderr=all", "--stats", "--no-human-readable"));
        switch (mode) {
            case SEED -> argv.addAll(List.of("--info=progress2", "--no-inc-recursive"));
            case FETCH -> argv.addAll(List.of("--from0", "--files-from=-"));
            case FULL_PASS -> { }
        }
        SshTarget prod = ServiceKeyRole.FILESTORE.target(config);
        argv.addAll(List.of("-e", String.join(" ", ssh(prod)), "--",
                prod.destination() + ":" + database + "/", localDir + "/"));
        return ServiceUser.ODOO.as(argv);
    }

    /**
     * The sync lock protects odoo-dr processes from each other, but a child outlives a parent killed outright
     * (SIGKILL, OOM): an rsync orphaned that way still writes, with nobody holding the lock. So every transfer's
     * rsync also holds the lock file itself, with flock(2) (a lock of its own kind on Linux, beside the JVM's
     * POSIX lock), inherited by its ssh; a new transfer waits for an orphan to end before it starts.
     */
    static List<String> orphanGuard() {
        return List.of("flock", "-w", Integer.toString(ORPHAN_WAIT_SECONDS), "-E", Integer.toString(EARLIER_RSYNC_RUNNING),
                SyncLock.DEFAULT_FILE.toString());
    }

    /** Lists the top of prod's filestore (one entry per database) through the key: proves key, sudo and rrsync. */
    static List<String> listArgv(Config config) {
        SshTarget prod = ServiceKeyRole.FILESTORE.target(config);
        return ServiceUser.ODOO.as(List.of("rsync", "--list-only", "--no-human-readable", "-e",
                String.join(" ", ssh(prod)), "--", prod.destination() + ":"));
    }

    /**
     * The ssh rsync runs (rsync splits it at spaces: no value here has one). The odoo user's known_hosts is pinned
     * by setup, so a host key is never accepted on first use here; ssh takes the first value of an option.
     */
    static List<String> ssh(SshTarget prod) {
        List<String> ssh = new ArrayList<>(List.of("ssh", "-T", "-o", "StrictHostKeyChecking=yes",
                "-o", "Ciphers=" + TunnelSpec.CIPHERS));
        ssh.addAll(prod.sshOptions());
        return ssh;
    }
}
