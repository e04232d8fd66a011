package odoodr.cli;

import odoodr.config.Config;
import odoodr.setup.FilestoreSetup;
import odoodr.preflight.Preflight;
import odoodr.process.ProcessRunner;
import odoodr.runbook.RunReport;
import odoodr.runbook.Runbook;
import odoodr.runbook.Step;
import odoodr.setup.DatabaseSetup;
import odoodr.runbook.SetupContext;
import odoodr.runbook.SetupOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code odoo-dr setup}: every step of the runbook, checked before and verified after; re-runnable. */
@Command(name = "setup", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Set up the standby: every runbook step is checked, done if needed, and verified.",
                "Safe to re-run: finished steps report 'ok' and change nothing; an interrupted run resumes."})
public final class SetupCommand implements Callable<Integer> {
    enum Part { database, filestore }

    @ParentCommand
    OdooDrCommand root;

    @Option(names = "--dry-run", description = "run every read-only check for real and show what would be done; change nothing")
    boolean dryRun;

    @Option(names = "--only", paramLabel = "PART", description = "only this part: ${COMPLETION-CANDIDATES}")
    Part only;

    @Option(names = "--reseed", description = "take a fresh base backup even if the standby is fine, and copy the filestore again (never deletes)")
    boolean reseed;

    @Option(names = "--force", description = "allow replacing a data directory that is not a standby of this prod (destroys it)")
    boolean force;

    @Override
    public Integer call() {
        Config config = root.loadConfig();
        boolean filestore = only == Part.filestore || (only == null && config.prod().filestorePath().isPresent());
        if (only == Part.filestore) {
            config.prod().requireFilestorePath();
        }
        StepPrinter printer = new StepPrinter(System.out);
        try (SetupContext ctx = new SetupContext(config, root.configPath(), new ProcessRunner(),
                OdooDrCommand.superuserPassword(config), new SetupOptions(reseed, force),
                ProgressPrinter.forThisProcess())) {
            // Preconditions first, all of them, read-only: nothing is changed unless every one passes.
            RunReport preflight = new Preflight().run(ctx, printer);
            if (!preflight.succeeded()) {
                printer.summary(preflight, "preflight");
                return preflight.exitCode().code();
            }
            List<Step<SetupContext>> steps = new ArrayList<>();
            if (only != Part.filestore) {
                steps.addAll(DatabaseSetup.steps());
            }
            if (filestore) {
                steps.addAll(FilestoreSetup.steps(config));
            }
            RunReport report = new Runbook<SetupContext>(List.of(), steps).run(ctx, dryRun, printer);
            printer.summary(report, dryRun ? "setup --dry-run" : "setup");
            if (!filestore && report.succeeded()) {
                System.out.println("note: prod.filestore_path is not set: the database was set up, no filestore is mirrored");
            }
            return report.exitCode().code();
        }
    }
}
