package odoodr.cli;

import odoodr.runbook.RunReport;
import odoodr.runbook.StepOutcome;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Renders step outcomes as they happen, one line each (plus a hint line when there is one), and a summary at the
 * end. Colour only on a terminal.
 */
final class StepPrinter implements Consumer<StepOutcome> {
    private final PrintStream out;
    private final boolean colour;

    StepPrinter(PrintStream out) {
        this.out = out;
        this.colour = System.console() != null && System.getenv("NO_COLOR") == null;
    }

    @Override
    public void accept(StepOutcome o) {
        String mark = switch (o.result()) {
            case DONE -> paint("32", "done        ");
            case ALREADY_DONE -> paint("32", "ok          ");
            case WOULD_DO -> paint("33", "would do    ");
            case BLOCKED -> paint("31", "BLOCKED     ");
            case FAILED -> paint("31", "FAILED      ");
            case NOT_REACHED -> paint("2", "not reached ");
        };
        String detail = o.detail() == null || o.detail().isEmpty() ? "" : ": " + o.detail();
        out.println(mark + o.title() + detail);
        if (o.hint() != null && !o.hint().isBlank()) {
            out.println("            hint: " + o.hint());
        }
        out.flush();
    }

    void summary(RunReport report, String what) {
        long blocked = report.blocked().size();
        long failed = report.outcomes().stream().filter(o -> o.result() == StepOutcome.Result.FAILED).count();
        if (report.succeeded()) {
            out.println(what + (what.equals("preflight") ? ": all checks passed, setup can run"
                    : report.dryRun() ? ": dry run, nothing changed" : ": all steps ok"));
        } else {
            out.println(what + ": " + (failed > 0 ? failed + " failed" : blocked + " blocked")
                    + " (exit " + report.exitCode().code() + ")");
        }
    }

    private String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
