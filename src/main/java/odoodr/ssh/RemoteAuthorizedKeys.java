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

    /** $1 = full line, $2 = comment. Writes through a temp file so a dropped connection never truncates the file. */
    private static final String ENSURE = String.join("\n",
            "set -eu",
            "umask 077",
            "mkdir -p \"$HOME/.ssh\"",
            "f=\"$HOME/.ssh/authorized_keys\"",
            "touch \"$f\"",
            "if grep -qxF -- \"$1\" \"$f\"; then exit 0; fi",
            "t=\"$f.odoo-dr.$$\"",
            "awk -v c=\" $2\" 'length($0) < length(c) || substr($0, length($0) - length(c) + 1) != c' \"$f\" > \"$t\"",
            "printf '%s\\n' \"$1\" >> \"$t\"",
            "mv -f -- \"$t\" \"$f\"");

    /** $1 = comment. */
    private static final String REMOVE = String.join("\n",
            "set -eu",
            "f=\"$HOME/.ssh/authorized_keys\"",
            "[ -f \"$f\" ] || exit 0",
            "t=\"$f.odoo-dr.$$\"",
            "umask 077",
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
        prod.run(prod.command(List.of("sh", "-c", ENSURE, "odoo-dr-authorize", key.line(), key.comment()), TIMEOUT)
                .onFailure(ExitCode.SSH, "could not edit ~/.ssh/authorized_keys of " + prod.target().user() + " on prod")
                .build());
    }

    public void remove(String comment) {
        prod.run(prod.command(List.of("sh", "-c", REMOVE, "odoo-dr-deauthorize", comment), TIMEOUT)
                .onFailure(ExitCode.SSH, "could not edit ~/.ssh/authorized_keys of " + prod.target().user() + " on prod")
                .build());
    }
}
