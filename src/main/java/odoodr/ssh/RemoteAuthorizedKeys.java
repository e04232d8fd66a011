package odoodr.ssh;

import odoodr.ExitCode;

import java.time.Duration;
import java.util.List;

/**
 * Reads and edits the login user's {@code ~/.ssh/authorized_keys} on prod through the operator's own access. Our
 * lines are recognised by their comment (one per replica and purpose), so adding is idempotent and a rotated key
 * replaces the old line instead of piling up.
 */
public final class RemoteAuthorizedKeys {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Exit code of the edit scripts when flock(1) is missing on prod. */
    static final int NO_FLOCK = 3;
    /** Exit code of the edit scripts when another edit held the lock for {@link #LOCK_WAIT_SECONDS}. */
    static final int LOCK_BUSY = 4;
    static final int LOCK_WAIT_SECONDS = 20;

    /**
     * The start of every edit: a read-modify-write of authorized_keys by two odoo-dr at once (two setups, or the
     * replicas of one prod on several hosts) would lose one of the lines, so each edit holds flock(1) on a file beside
     * authorized_keys. util-linux (flock) is essential on Debian and Ubuntu; without it the edit refuses, never
     * runs unlocked.
     */
    private static final String LOCKED = String.join("\n",
            "set -eu",
            "umask 077",
            "mkdir -p \"$HOME/.ssh\"",
            "f=\"$HOME/.ssh/authorized_keys\"",
            "command -v flock >/dev/null 2>&1 || { echo \"flock(1) is missing on prod: odoo-dr edits $f only under a lock\" >&2; exit " + NO_FLOCK + "; }",
            "exec 9>>\"$f.odoo-dr.lock\"",
            "flock -w " + LOCK_WAIT_SECONDS + " 9 || { echo \"another edit of $f held $f.odoo-dr.lock for " + LOCK_WAIT_SECONDS + " s\" >&2; exit " + LOCK_BUSY + "; }");

    /** $1 = full line, $2 = comment. Writes through a temp file so a dropped connection never truncates the file. */
    static final String ENSURE = String.join("\n",
            LOCKED,
            "touch \"$f\"",
            "if grep -qxF -- \"$1\" \"$f\"; then exit 0; fi",
            "t=\"$f.odoo-dr.$$\"",
            "awk -v c=\" $2\" 'length($0) < length(c) || substr($0, length($0) - length(c) + 1) != c' \"$f\" > \"$t\"",
            "printf '%s\\n' \"$1\" >> \"$t\"",
            "mv -f -- \"$t\" \"$f\"");

    /** $1 = comment. */
    static final String REMOVE = String.join("\n",
            LOCKED,
            "[ -f \"$f\" ] || exit 0",
            "t=\"$f.odoo-dr.$$\"",
            "awk -v c=\" $1\" 'length($0) < length(c) || substr($0, length($0) - length(c) + 1) != c' \"$f\" > \"$t\"",
            "mv -f -- \"$t\" \"$f\"");

    private final RemoteShell prod;

    public RemoteAuthorizedKeys(RemoteShell prod) {
        this.prod = prod;
    }

    /** True when exactly this line (same key, same restrictions, same comment) is authorised. */
    public boolean contains(AuthorizedKey key) {
        return prod.run(prod.command(List.of("grep", "-qxF", "--", key.line(), ".ssh/authorized_keys"), TIMEOUT)
                .allowExitCodes(1, 2).onFailure(ExitCode.SSH, null).build()).exitCode() == 0;
    }

    /** Lines currently authorised whose comment is this one (our own key lines). */
    public List<String> linesWithComment(String comment) {
        String out = prod.run(prod.command(List.of("grep", "-F", "--", " " + comment, ".ssh/authorized_keys"), TIMEOUT)
                .allowExitCodes(1, 2).build()).stdout();
        return out.lines().filter(l -> l.endsWith(" " + comment)).toList();
    }

    public void ensure(AuthorizedKey key) {
        edit(List.of("sh", "-c", ENSURE, "odoo-dr-authorize", key.line(), key.comment()));
    }

    public void remove(String comment) {
        edit(List.of("sh", "-c", REMOVE, "odoo-dr-deauthorize", comment));
    }

    private void edit(List<String> script) {
        prod.run(prod.command(script, TIMEOUT).onFailure(ExitCode.SSH, "could not edit ~/.ssh/authorized_keys of "
                + prod.target().user() + " on prod (if flock is missing there: apt-get install util-linux)").build());
    }
}
