package odoodr.cli;

import odoodr.ExitCode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI frame as a user meets it: help, version, exit codes, one-line errors. */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = OdooDrCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsGlobalOptionsAndEveryExitCode() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--config=FILE", "ODOO_DR_CONFIG", "-v, --verbose", "Exit codes:");
        for (ExitCode c : ExitCode.values()) {
            assertThat(r.out()).contains(String.format("%3d", c.code()) + "   " + c.meaning());
        }
    }

    @Test
    void versionNamesTheProject() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("odoo-dr ").doesNotContain("unknown");
    }

    @Test
    void unknownCommandIsAUsageErrorWithAHint() {
        Run r = run("frobnicate");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("odoo-dr: Unmatched argument at index 0: 'frobnicate'").contains("hint: see 'odoo-dr --help'");
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("a command is required");
    }

    @Test
    void everyCommandOfTheContractIsListed() {
        Run r = run("--help");
        for (String command : new String[] {"init", "preflight", "setup", "status", "verify", "sync", "agent",
                "promote", "decommission", "demo"}) {
            assertThat(r.out()).containsPattern("(?m)^  " + command + "\\s");
        }
    }
}
