package odoodr.preflight;

import odoodr.runbook.RunReport;
import odoodr.runbook.Runbook;
import odoodr.runbook.StepOutcome;
import odoodr.runbook.SetupContext;

import java.util.List;
import java.util.function.Consumer;

/**
 * {@code odoo-dr preflight} (runbook Section 2, A3.1 and the database gotchas of Section D): a runbook of read-only
 * preconditions, all run, every blocker reported together with its hint. Nothing is changed on prod or here. The
 * report's exit code is 0 only when setup can succeed.
 *
 * <p>Checks, in order (ids are stable): ssh-reachable, prod-sudo, prod-container, prod-postgres, prod-superuser,
 * postgres-major, replica-binaries, wal-level, wal-senders, replication-slots, replica-locale, replica-disk, replica-neighbours.
 */
public final class Preflight {
    private final LocaleLister locales;

    public Preflight() {
        this(LocaleLister.system());
    }

    /** @param locales the replica's locales; tests pass a list without prod's to see that blocker */
    public Preflight(LocaleLister locales) {
        this.locales = locales;
    }

    /** The check ids, in the order they run. */
    public static List<String> checkIds() {
        return checks(new Findings(), new ProdDatabase(), LocaleLister.system()).stream()
                .map(PreflightCheck::id).toList();
    }

    /** Runs every check once (one SSH tunnel and one superuser login shared by all) and reports each as it ends. */
    public RunReport run(SetupContext ctx, Consumer<StepOutcome> listener) {
        try (ProdDatabase db = new ProdDatabase()) {
            Runbook<SetupContext> runbook = new Runbook<>(checks(new Findings(), db, locales), List.of());
            return runbook.run(ctx, true, listener);
        }
    }

    static List<PreflightCheck> checks(Findings f, ProdDatabase db, LocaleLister locales) {
        return List.of(
                new SshReachableCheck(f),
                new ProdSudoCheck(f),
                new ProdContainerCheck(f),
                new ProdPostgresCheck(f, db),
                new SuperuserCheck(f, db),
                new MajorVersionCheck(f, db),
                new ReplicaBinariesCheck(f),
                new WalLevelCheck(f, db),
                new WalSendersCheck(f, db),
                new ReplicationSlotsCheck(f, db),
                new LocaleCheck(f, db, locales),
                new DiskSpaceCheck(f, db),
                new NeighbourConfigsCheck(f));
    }
}
