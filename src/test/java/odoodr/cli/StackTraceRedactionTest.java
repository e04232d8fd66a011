package odoodr.cli;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.Redactor;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding 10: a password inside an exception's message (or its cause's) never reaches stderr, not with -v, not in logs. */
class StackTraceRedactionTest {
    private static final String SECRET = "pw-" + Long.toHexString(System.nanoTime()) + "-secret";

    private static Exception failureQuotingTheSecret() {
        return new DrException(ExitCode.DATABASE, "authentication failed for password " + SECRET,
                "the statement was: ALTER ROLE x PASSWORD '" + SECRET + "'",
                new IllegalStateException("caused by " + SECRET));
    }

    @Test
    void withVerboseTheErrorLinesAndTheStackTraceAreRedacted() {
        Redactor.register(SECRET);
        CommandLine cl = OdooDrCommand.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = new ErrorHandler(() -> true).handleExecutionException(failureQuotingTheSecret(), cl, null);
        assertThat(code).isEqualTo(ExitCode.DATABASE.code());
        assertThat(err.toString()).contains("odoo-dr: authentication failed for password <masked>")
                .contains("hint: the statement was: ALTER ROLE x PASSWORD '<masked>'")
                .contains("Caused by: java.lang.IllegalStateException: caused by <masked>")
                .contains("at odoodr.cli.StackTraceRedactionTest")
                .doesNotContain(SECRET);
    }

    @Test
    void aLoggedExceptionIsRedactedInTheLogsStackTrace() {
        Redactor.register(SECRET);
        PrintStream old = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LoggerFactory.getLogger("redaction-test").warn("setup: a step failed", failureQuotingTheSecret());
        } finally {
            System.setErr(old);
        }
        String logged = captured.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("WARN  setup: a step failed")
                .contains("odoodr.DrException: authentication failed for password <masked>")
                .contains("Caused by: java.lang.IllegalStateException: caused by <masked>")
                .contains("at odoodr.cli.StackTraceRedactionTest")
                .doesNotContain(SECRET);
    }
}
