package odoodr.cli;

import odoodr.config.Config;
import odoodr.host.StateLock;
import odoodr.process.ProcessRunner;
import odoodr.runbook.SetupContext;
import odoodr.runbook.SetupOptions;
import odoodr.setup.Setup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Locale;
import java.util.Optional;
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

    @Option(names = "--adopt-role", description = "use an existing role on prod as postgres.replication_user although odoo-dr did"
            + " not make it or it can do more than replicate (its password is reset; decommission will not drop it)")
    boolean adoptRole;

    @Override
    public Integer call() {
        Config config = root.loadConfig();
        StepPrinter printer = new StepPrinter(System.out);
        Optional<Setup.Part> part = Optional.ofNullable(only).map(p -> Setup.Part.valueOf(p.name().toUpperCase(Locale.ROOT)));
        try (StateLock stateLock = dryRun ? null : StateLock.acquire("setup");
             SetupContext ctx = new SetupContext(config, root.configPath(), new ProcessRunner(),
                OdooDrCommand.superuserPassword(config), new SetupOptions(reseed, force, adoptRole),
                ProgressPrinter.forThisProcess())) {
            Setup.Result result = Setup.run(ctx, part, dryRun, printer);
            printer.summary(result.report(), result.phase().equals("setup") && dryRun ? "setup --dry-run" : result.phase());
            if (result.filestoreUnconfigured() && result.succeeded()) {
                System.out.println("note: prod.filestore_path is not set: the database was set up, no filestore is mirrored");
            }
            return result.report().exitCode().code();
        }
    }
}
