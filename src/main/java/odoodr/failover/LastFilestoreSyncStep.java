package odoodr.failover;

import odoodr.config.Config;
import odoodr.ssh.ServiceKeyRole;
import odoodr.filestore.sync.AttachmentSync;
import odoodr.filestore.sync.PassResult;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Before promotion, one last attachment-driven pass: whatever prod's filestore still serves and this mirror lacks is
 * fetched while the standby still knows which files prod had. During a failover prod is usually gone, so a pass that
 * cannot reach it is reported and promotion goes on; it never blocks a failover.
 */
final class LastFilestoreSyncStep implements Step<FailoverContext> {
    static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    @Override
    public String id() {
        return "filestore-last-sync";
    }

    @Override
    public String title() {
        return "last attachment sync from prod";
    }

    @Override
    public Check check(FailoverContext ctx) {
        Config c = ctx.config();
        if (!Files.exists(ServiceKeyRole.FILESTORE.privateKey(c))) {
            return Check.satisfied("the filestore mirror is not set up here (no " + ServiceKeyRole.FILESTORE.privateKey(c) + "): no sync");
        }
        return Check.needed("one attachment-driven pass from prod's filestore into " + c.filestore().localBase()
                + ", if prod still answers");
    }

    @Override
    public void apply(FailoverContext ctx) {
        try (AttachmentSync sync = AttachmentSync.open(ctx.config(), ctx.runner(), odoodr.health.FilestoreSyncStateFile.directory(ctx.config()), LOCK_WAIT)) {
            ctx.recordLastSync(describe(sync.runPass()));
        } catch (RuntimeException e) {
            ctx.recordLastSync("not made: " + e.getMessage());
        }
    }

    /** Whatever the pass found, the step is done: a last sync was tried, and promotion must not wait on prod. */
    @Override
    public Check verify(FailoverContext ctx) {
        return Check.satisfied(ctx.lastSync().orElse("not made"));
    }

    static String describe(List<PassResult> results) {
        return String.join("; ", results.stream().map(r -> r.database() + ": " + (r.succeeded()
                ? r.files() + " file(s) fetched, " + r.backlog() + " still wanted"
                + (r.missingOnProd().isEmpty() ? "" : ", " + r.missingOnProd().size() + " missing on prod")
                : "failed (" + r.error() + "), prod's filestore unreachable?")).toList());
    }
}
