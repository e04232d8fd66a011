package odoodr.cli;

import odoodr.config.Config;
import odoodr.host.StateLock;
import odoodr.failover.Decommission;
import odoodr.failover.DecommissionReport;
import odoodr.failover.FailoverContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code odoo-dr decommission}: undo setup, step by step; safe to re-run. */
@Command(name = "decommission", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Tear this replica down (runbook \"Decommission\"), step by step; safe to re-run.",
                "Stops and removes odoo-dr's units and tunnel, stops the standby (its data is kept), removes the tunnel's"
                        + " passwords, the key files and prod's host-key pins here and our keys from prod's authorized_keys,"
                        + " and drops our replication slot on prod (never one another client holds, unless --force).",
                "Each step says done, or ok when it was already done."})
public final class DecommissionCommand implements Callable<Integer> {
    @ParentCommand
    OdooDrCommand root;

    @Option(names = "--dry-run", description = "run every read-only check for real and show what would be done; change nothing")
    boolean dryRun;

    @Option(names = "--force", description = "drop our slot on prod even while another client holds it (that client is cut off)")
    boolean force;

    @Override
    public Integer call() {
        Config config = root.loadConfig();
        PrintStream out = System.out;
        StepPrinter printer = new StepPrinter(out);
        try (StateLock stateLock = dryRun ? null : StateLock.acquire("decommission");
             FailoverContext ctx = FailoverContext.open(config, root.configPath(), OdooDrCommand.superuserPassword(config), force)) {
            DecommissionReport report = new Decommission().run(ctx, dryRun, printer);
            printer.summary(report.run(), dryRun ? "decommission --dry-run" : "decommission");
            if (report.alreadyDone()) {
                out.println("decommission: already done, nothing changed");
            }
            out.println(dryRun ? "would keep:" : "kept:");
            report.kept().forEach(k -> out.println("  - " + k));
            out.flush();
            return report.run().exitCode().code();
        }
    }
}
