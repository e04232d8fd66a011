package odoodr.setup;

import odoodr.preflight.Preflight;
import odoodr.runbook.RunReport;
import odoodr.runbook.Runbook;
import odoodr.runbook.SetupContext;
import odoodr.runbook.Step;
import odoodr.runbook.StepOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code odoo-dr setup} as a whole: every precondition first, read-only, and nothing changed unless all pass; then
 * the database steps (runbook Section A) and the filestore steps (Section B) of the parts asked for.
 */
public final class Setup {
    public enum Part { DATABASE, FILESTORE }

    /**
     * @param phase             "preflight" when a precondition stopped the run, else "setup"
     * @param filestoreUnconfigured the whole setup ran without a filestore part because prod.filestore_path is unset
     */
    public record Result(RunReport report, String phase, boolean filestoreUnconfigured) {
        public boolean succeeded() {
            return report.succeeded();
        }
    }

    private Setup() {
    }

    /** The steps of the parts asked for ({@code only} empty: both, the filestore only when it is configured). */
    public static List<Step<SetupContext>> steps(SetupContext ctx, Optional<Part> only) {
        List<Step<SetupContext>> steps = new ArrayList<>();
        if (only.isEmpty() || only.get() == Part.DATABASE) {
            steps.addAll(DatabaseSetup.steps());
        }
        if (only.isEmpty() ? ctx.config().prod().filestorePath().isPresent() : only.get() == Part.FILESTORE) {
            steps.addAll(FilestoreSetup.steps(ctx.config()));
        }
        return steps;
    }

    public static Result run(SetupContext ctx, Optional<Part> only, boolean dryRun, Consumer<StepOutcome> listener) {
        if (only.equals(Optional.of(Part.FILESTORE))) {
            ctx.config().prod().requireFilestorePath();
        }
        RunReport preflight = new Preflight().run(ctx, listener);
        if (!preflight.succeeded()) {
            return new Result(preflight, "preflight", false);
        }
        RunReport report = new Runbook<SetupContext>(List.of(), steps(ctx, only)).run(ctx, dryRun, listener);
        return new Result(report, "setup", filestoreUnconfigured(ctx.config(), only));
    }

    /**
     * Whether the run leaves the filestore out because prod.filestore_path is unset (the note setup prints): only a
     * whole setup can; {@code --only database} leaves it out because it was asked to, whatever the config says.
     */
    static boolean filestoreUnconfigured(odoodr.config.Config config, Optional<Part> only) {
        return only.isEmpty() && config.prod().filestorePath().isEmpty();
    }
}
