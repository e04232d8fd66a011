package odoodr.failover;

import odoodr.DrException;
import odoodr.archive.ArchiveInventory;
import odoodr.archive.ArchiveLayout;
import odoodr.postgres.ExistingRole;
import odoodr.postgres.PrimarySession;

import odoodr.config.Config;
import odoodr.runbook.Runbook;
import odoodr.runbook.Step;
import odoodr.runbook.StepOutcome;
import odoodr.postgres.DebianCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code odoo-dr decommission} (runbook "Decommission"): what setup made is undone, each step checked, done if
 * needed and verified, so a second run reports everything as already done.
 *
 * <p>Order: first what streams (units, tunnel, standby), so that our slot on prod becomes inactive; then this
 * replica's files, which need nothing from prod, so an unreachable prod (after a failover) leaves only prod's side
 * for a later run; last prod's side: our keys, then the slot, which is never dropped while someone else holds it
 * unless forced.
 *
 * <p>Kept on purpose: the standby's data (stopped, not started at boot: it may be someone's last copy of prod), the
 * filestore mirror, the recovery archive, and the replication role on prod (other replicas may log in with it).
 */
public final class Decommission {
    public static List<Step<FailoverContext>> steps() {
        return List.of(
                new RemoveSystemdUnitsStep(),
                new StopTunnelStep(),
                new StopStandbyStep(),
                new RemovePgPassEntriesStep(),
                new RemoveKeyFilesStep(),
                new RemoveSyncStateStep(),
                new RemoveHostKeyPinsStep(),
                new RemoveProdKeysStep(),
                new DropReplicationSlotStep());
    }

    public DecommissionReport run(FailoverContext ctx, boolean dryRun, Consumer<StepOutcome> listener) {
        var run = new Runbook<FailoverContext>(List.of(), steps()).run(ctx, dryRun, listener);
        return new DecommissionReport(run, kept(ctx));
    }

    static List<String> kept(FailoverContext ctx) {
        Config c = ctx.config();
        DebianCluster cluster = ctx.cluster();
        List<String> kept = new ArrayList<>();
        cluster.status().ifPresent(s -> {
            String label = cluster.major() + " " + cluster.name();
            if (Files.exists(s.dataDirectory().resolve("standby.signal"))) {
                kept.add("standby data in " + s.dataDirectory() + " (cluster " + cluster.label() + ", not started at boot):"
                        + " read it with pg_ctlcluster " + label + " start; delete it with pg_dropcluster --stop " + label
                        + " && rm -r " + cluster.configDirectory() + " (pg_dropcluster leaves odoo-dr's conf.d file there)");
            } else {
                kept.add("cluster " + cluster.label() + " in " + s.dataDirectory() + ": not a standby (promoted), left as it is");
            }
        });
        for (String db : c.databases()) {
            Path dir = c.filestore().localDirectoryOf(db);
            if (Files.isDirectory(dir)) {
                kept.add("filestore mirror of " + db + " in " + dir);
            }
        }
        keptArchive(c).ifPresent(kept::add);
        kept.add(keptRole(ctx));
        return kept;
    }

    /** The recovery archive: the only history of prod there is, so it stays until the operator removes it. */
    static Optional<String> keptArchive(Config c) {
        ArchiveLayout layout = ArchiveLayout.of(c);
        if (!Files.isDirectory(layout.root(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String backups;
        try {
            ArchiveInventory inventory = ArchiveInventory.read(layout);
            backups = inventory.good().size() + " base backup(s)" + inventory.oldest()
                    .map(b -> ", restorable from " + b.finished()).orElse("");
        } catch (IOException e) {
            backups = "unreadable: " + e.getMessage();
        }
        return Optional.of("recovery archive in " + layout.root() + " (" + backups + "; no new WAL or backups now):"
                + " odoo-dr restore still reads it while this config stays; delete it with rm -r " + layout.root());
    }

    /** The replication role is never dropped here; DROP ROLE is offered only for a role odoo-dr made (finding 4). */
    static String keptRole(FailoverContext ctx) {
        String role = ctx.config().postgres().replicationUser();
        Optional<ExistingRole> existing;
        try (PrimarySession s = ctx.setup().superuserSession("postgres")) {
            existing = ExistingRole.find(s, role);
        } catch (DrException e) {
            return "role " + role + " on prod: left as it is (prod's PostgreSQL could not say who made it: " + e.getMessage()
                    + "); drop it only if odoo-dr created it and no other replica logs in with it";
        }
        if (existing.isEmpty()) {
            return "role " + role + ": not on prod (nothing to drop)";
        }
        if (!existing.get().madeByOdooDr()) {
            return "role " + role + " on prod: left as it is; odoo-dr did not create it (" + existing.get().comment()
                    .map(comment -> "its comment: '" + comment + "'").orElse("it has no odoo-dr comment") + "), so it is not odoo-dr's to drop";
        }
        return "role " + role + " on prod: other replicas may log in with it (this replica's"
                + " copy of its password is gone); when none does: DROP ROLE " + role + ";";
    }
}
