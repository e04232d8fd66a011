package odoodr.cli;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.Redactor;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.BooleanSupplier;

/**
 * The single place where failures become output and exit codes: one line saying what went wrong, one line saying
 * what to do, and the failure class's exit code. Stack traces only with -v. Every line is redacted: an exception's
 * message may quote a password.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler,
        CommandLine.IExitCodeExceptionMapper {
    private final BooleanSupplier verbose;

    ErrorHandler(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        if (ex instanceof DrException dr) {
            print(err, dr.getMessage(), dr.hint());
        } else {
            print(err, "internal error: " + ex, "run again with -v for the stack trace and report it");
        }
        if (verbose.getAsBoolean()) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(Redactor.redact(trace.toString()));
        }
        err.flush();
        return getExitCode(ex);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        print(err, ex.getMessage(), "see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int getExitCode(Throwable exception) {
        return exception instanceof DrException dr ? dr.exitCode().code() : ExitCode.INTERNAL.code();
    }

    private static void print(PrintWriter err, String message, String hint) {
        err.println("odoo-dr: " + Redactor.redact(oneLine(message)));
        if (hint != null && !hint.isBlank()) {
            err.println("  hint: " + Redactor.redact(oneLine(hint)));
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}
