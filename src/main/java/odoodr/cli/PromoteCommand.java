package odoodr.cli;

import odoodr.config.Config;
import odoodr.host.StateLock;
import odoodr.failover.FailoverContext;
import odoodr.failover.Promotion;
import odoodr.failover.PromotionReport;
import odoodr.failover.ReplayPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code odoo-dr promote}: failover, guarded against split brain; renders the promotion report. */
@Command(name = "promote", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Fail over: promote the standby so that it takes writes (runbook \"Promotion\").",
                "Refused (exit 17) while prod's PostgreSQL answers as a primary: two primaries are a split brain.",
                "Reports the last WAL and commit that came from prod, what may be lost, and the next steps.",
                "Running it again on a promoted cluster says 'already promoted' and changes nothing."})
public final class PromoteCommand implements Callable<Integer> {
    @ParentCommand
    OdooDrCommand root;

    @Option(names = "--dry-run", description = "run every check for real (including the split-brain guard) and show what would be done; change nothing")
    boolean dryRun;

    @Option(names = "--force", description = "promote even though prod's PostgreSQL answers as a primary (SPLIT BRAIN: stop prod yourself)")
    boolean force;

    @Override
    public Integer call() {
        Config config = root.loadConfig();
        PrintStream out = System.out;
        StepPrinter printer = new StepPrinter(out);
        try (StateLock stateLock = dryRun ? null : StateLock.acquire("promote");
             FailoverContext ctx = FailoverContext.open(config, root.configPath(), OdooDrCommand.superuserPassword(config), force)) {
            PromotionReport report = new Promotion().run(ctx, dryRun, printer);
            if (report.alreadyPromoted()) {
                out.println("promote: already promoted: cluster " + config.postgres().major() + "/" + config.postgres().cluster()
                        + " is a primary (not in recovery); nothing changed");
                report.lastFromProd().ifPresent(p -> out.println("  " + p.describeReplay()));
                list(out, "next steps, if not done yet:", report.nextSteps(), true);
                return report.exitCode().code();
            }
            printer.summary(report.run(), dryRun ? "promote --dry-run" : "promote");
            if (report.promoted()) {
                out.println("promoted: cluster " + config.postgres().major() + "/" + config.postgres().cluster()
                        + " is a primary and takes writes on port " + config.postgres().port());
            }
            report.lastFromProd().map(ReplayPosition::describeReplay).ifPresent(d -> out.println("from prod: " + d));
            list(out, report.promoted() ? "may be lost:" : "if promoted now, may be lost:", report.mayBeLost(), false);
            list(out, "next steps:", report.nextSteps(), true);
            return report.exitCode().code();
        }
    }

    private static void list(PrintStream out, String heading, List<String> lines, boolean numbered) {
        if (lines.isEmpty()) {
            return;
        }
        out.println(heading);
        for (int i = 0; i < lines.size(); i++) {
            out.println("  " + (numbered ? (i + 1) + ". " : "- ") + lines.get(i));
        }
        out.flush();
    }
}
