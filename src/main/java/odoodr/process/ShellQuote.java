package odoodr.process;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting. OpenSSH joins the remote command's arguments with spaces and hands the result to the remote
 * user's shell ({@code $SHELL -c}), so every argument meant for a remote program must be quoted for that shell.
 * Single quotes protect every byte except the single quote itself, which is written as {@code '\''}.
 */
public final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    /** One argument, quoted only when needed, so that the shell hands the program exactly these bytes. */
    public static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** A whole argv as one shell command line. */
    public static String join(List<String> argv) {
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
