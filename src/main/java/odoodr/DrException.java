package odoodr;

/**
 * The one error type odoo-dr reports to the user: a message saying what went wrong, a hint saying what to do next,
 * and the exit code of its failure class. The CLI prints {@code message} and {@code hint} on one line each.
 */
public class DrException extends RuntimeException {
    private final ExitCode exitCode;
    private final String hint;

    public DrException(ExitCode exitCode, String message, String hint) {
        this(exitCode, message, hint, null);
    }

    public DrException(ExitCode exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** What the user should do next; may be null when the message says it all. */
    public String hint() {
        return hint;
    }
}
