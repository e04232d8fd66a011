package odoodr.failover;

import odoodr.config.Config;
import odoodr.filestore.sync.FilestoreVerifier;
import odoodr.filestore.sync.VerifyReport;
import odoodr.runbook.RunReport;
import odoodr.runbook.Runbook;
import odoodr.runbook.StepOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code odoo-dr promote} (runbook "Promotion"): the standby takes over writes. Guarded: refused while prod's
 * PostgreSQL answers as a primary, unless forced. A cluster that is a primary already is reported as such and left
 * alone, so running promote twice is harmless.
 *
 * <p>Preconditions: standby-in-recovery, prod-not-primary. Steps: filestore-last-sync, filestore-loops-stopped,
 * promote.
 */
public final class Promotion {
    public PromotionReport run(FailoverContext ctx, boolean dryRun, Consumer<StepOutcome> listener) {
        var status = ctx.cluster().status();
        if (status.isPresent() && status.get().online() && !status.get().inRecovery()) {
            Optional<ReplayPosition> now = readQuietly(ctx);
            return new PromotionReport(new RunReport(dryRun, List.of()), true, now, List.of(), nextSteps(ctx.config()));
        }
        Runbook<FailoverContext> runbook = new Runbook<>(
                List.of(new StandbyInRecoveryCheck(), new ProdNotPrimaryGuard()),
                List.of(new LastFilestoreSyncStep(), new StopFilestoreLoopsStep(), new PromoteStep()));
        RunReport run = runbook.run(ctx, dryRun, listener);
        Optional<ReplayPosition> last = ctx.afterPromotion().or(ctx::beforePromotion);
        boolean promoted = !dryRun && run.succeeded();
        return new PromotionReport(run, false, last,
                run.succeeded() ? last.map(p -> mayBeLost(ctx, p)).orElse(List.of()) : List.of(),
                promoted ? nextSteps(ctx.config()) : List.of());
    }

    private static Optional<ReplayPosition> readQuietly(FailoverContext ctx) {
        try {
            return Optional.of(LocalStandby.read(ctx.config()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static List<String> mayBeLost(FailoverContext ctx, ReplayPosition p) {
        List<String> lost = new ArrayList<>();
        String upTo = "every transaction up to WAL " + p.replayLsn().map(Object::toString).orElse("?") + " is here";
        lost.add(p.lastReplayedCommit()
                .map(t -> "database: whatever prod committed after " + ReplayPosition.time(t) + " (the last commit replayed"
                        + " here, " + p.commitAge().map(ReplayPosition::human).orElse("?") + " before now) and did not stream"
                        + " here; if prod wrote nothing after that, nothing; " + upTo)
                .orElse("database: the time of prod's last commit is unknown here (none replayed since the standby"
                        + " started); " + upTo));
        p.lastMessageFromProd().ifPresent(t -> lost.add("last message from prod's WAL sender: " + ReplayPosition.time(t)));
        ctx.lastSync().ifPresent(s -> lost.add("last attachment sync: " + s));
        lost.add(attachments(ctx.config()));
        return lost;
    }

    /** What {@code verify} (fast mode) finds missing in the mirror: the attachments a failover now would lose. */
    static String attachments(Config config) {
        String base = config.filestore().localBase().toString();
        try {
            VerifyReport r = FilestoreVerifier.verify(config, false);
            if (r.ok()) {
                return "attachments: none missing; all " + r.total(VerifyReport.DatabaseResult::attachments)
                        + " attachment files are in " + base + " (verify)";
            }
            return "attachments: " + r.total(VerifyReport.DatabaseResult::documentProblems) + " document file(s) missing"
                    + " or wrong in " + base + " (" + r.total(d -> d.count(VerifyReport.Kind.MISSING)) + " missing), and "
                    + r.total(VerifyReport.DatabaseResult::assetBundleProblems) + " asset-bundle file(s), which Odoo"
                    + " rebuilds once their rows are deleted; list them with odoo-dr verify";
        } catch (RuntimeException e) {
            return "attachments: not checked (" + e.getMessage() + "); run odoo-dr verify";
        }
    }

    static List<String> nextSteps(Config c) {
        String prod = c.prod().ssh().host();
        return List.of(
                "Keep the old prod (" + prod + ") from ever running as a primary again: stop its Odoo and PostgreSQL"
                        + " (and their restart policies) before it comes back. From here, 'prod is down' and 'prod is cut off"
                        + " from this replica only' look the same.",
                "Point Odoo at this server's PostgreSQL (db_host = this machine, db_port = " + c.postgres().port()
                        + "); its filestore mirror is in " + c.filestore().localBase() + ".",
                "Start Odoo with cron disabled first (odoo --max-cron-threads=0); enable cron once it works.",
                "This database is production now: do NOT neutralize it (no odoo-bin neutralize; odoo-dr never does"
                        + " on promote): its mail servers, crons and fetchmail stay as prod had them, and its"
                        + " database.uuid and database.secret are prod's, so sessions and signed links keep working.",
                "When the old prod returns (with its Odoo stopped), drop this replica's slot " + c.slotName()
                        + " there, or it keeps WAL until its disk is full: odoo-dr decommission drops it and our SSH keys on"
                        + " prod, stops the tunnel, and leaves this promoted cluster running.",
                "This cluster diverged from prod: to be a standby again (of a rebuilt prod) it needs a fresh base backup,"
                        + " odoo-dr setup --reseed --force, which REPLACES its data; only once it is no longer your"
                        + " production database.");
    }
}
