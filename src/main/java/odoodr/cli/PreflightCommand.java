package odoodr.cli;

import odoodr.config.Config;
import odoodr.preflight.Preflight;
import odoodr.process.ProcessRunner;
import odoodr.runbook.RunReport;
import odoodr.runbook.SetupContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code odoo-dr preflight}: read-only checks of prod and this replica; exit 0 only when setup can succeed. */
@Command(name = "preflight", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Check, without changing anything anywhere, that setup can succeed: SSH and sudo on prod, the"
                + " prod container, prod's PostgreSQL (major, wal_level, walsenders, slots, superuser) and this replica"
                + " (PostgreSQL binaries, locales, free disk). Every blocker is reported with what to do; the exit code"
                + " is 0 only when nothing blocks (runbook Section 2, A3.1, D).")
public final class PreflightCommand implements Callable<Integer> {
    @ParentCommand
    OdooDrCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Config config = root.loadConfig();
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true,
                StandardCharsets.UTF_8);
        StepPrinter printer = new StepPrinter(out);
        RunReport report;
        try (SetupContext ctx = new SetupContext(config, root.configPath(), new ProcessRunner(),
                OdooDrCommand.superuserPassword(config))) {
            report = new Preflight().run(ctx, printer);
        }
        printer.summary(report, "preflight");
        out.flush();
        return report.exitCode().code();
    }

    /** Lets StepPrinter (a PrintStream user) write to picocli's out, which tests capture. Whole lines at a time. */
    private static final class WriterOutputStream extends OutputStream {
        private final PrintWriter writer;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            writer.write(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
            writer.flush();
        }
    }
}
