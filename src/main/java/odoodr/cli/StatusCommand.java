package odoodr.cli;

import odoodr.DrException;
import odoodr.config.Config;
import odoodr.health.CheckStatus;
import odoodr.health.HealthMonitor;
import odoodr.health.HealthReport;
import odoodr.output.JsonRenderer;
import odoodr.output.NagiosRenderer;
import odoodr.output.PrometheusRenderer;
import odoodr.output.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code odoo-dr status}: the runbook's "what healthy looks like" table (Section C), measured now, in the form the
 * reader wants. Only rendering happens here; {@link HealthMonitor} measures.
 */
@Command(name = "status", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Check this replica now: tunnel, standby, WAL receiver, prod's view of this standby, the slot"
                + " and the WAL it keeps on prod, replay lag, free disk, and the filestore sync.",
                "Exit code: with --output nagios the overall status (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, also"
                        + " when the config cannot be read); with text, json and prometheus 0 whenever the report"
                        + " could be produced, whatever it says (read the status from the output), else the"
                        + " failure's exit code (10 for a bad config)."})
public final class StatusCommand implements Callable<Integer> {
    enum Output { text, json, nagios, prometheus }

    @ParentCommand
    OdooDrCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Output output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HealthReport report;
        try {
            Config config = root.loadConfig();
            report = new HealthMonitor(config).check();
        } catch (RuntimeException e) {
            if (output != Output.nagios) {
                throw e;
            }
            // a Nagios plugin that cannot check says UNKNOWN, with exit 3, never a code of its own
            String hint = e instanceof DrException dr && dr.hint() != null ? " (" + oneLine(dr.hint()) + ")" : "";
            out.println("ODOO-DR UNKNOWN - " + oneLine(String.valueOf(e.getMessage())) + hint);
            out.flush();
            return CheckStatus.UNKNOWN.code();
        }
        String text = switch (output) {
            case text -> new TextRenderer(colourWanted()).render(report);
            case json -> new JsonRenderer().render(report);
            case nagios -> new NagiosRenderer().render(report);
            case prometheus -> new PrometheusRenderer().render(report);
        };
        out.print(text);
        out.flush();
        return output == Output.nagios ? new NagiosRenderer().exitCode(report) : 0;
    }

    /** Colour only for a person at a terminal who has not asked for none (https://no-color.org). */
    static boolean colourWanted() {
        String noColor = System.getenv("NO_COLOR");
        return System.console() != null && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " / ").replace('|', '/');
    }
}
