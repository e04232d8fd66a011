package odoodr.failover;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.health.FilestoreSyncStateFile;
import odoodr.host.DirectoryTree;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This replica's filestore sync state ({@code /var/lib/odoo-dr/<replica>/}): status files only, nothing to keep. */
final class RemoveSyncStateStep implements Step<FailoverContext> {
    @Override
    public String id() {
        return "sync-state";
    }

    @Override
    public String title() {
        return "filestore sync state removed";
    }

    @Override
    public Check check(FailoverContext ctx) {
        Path dir = FilestoreSyncStateFile.directory(ctx.config());
        return Files.exists(dir) ? Check.needed("delete " + dir) : Check.satisfied("no " + dir);
    }

    @Override
    public void apply(FailoverContext ctx) {
        Path dir = FilestoreSyncStateFile.directory(ctx.config());
        try {
            DirectoryTree.delete(dir);
        } catch (IOException e) {
            throw new DrException(ExitCode.FAILOVER, "cannot delete " + dir + ": " + e.getMessage(), null, e);
        }
    }
}
