package odoodr.setup;

import odoodr.filestore.EnsureOdooUserStep;
import odoodr.filestore.SeedFilestoreStep;
import odoodr.filestore.EnsureMirrorDirectoryStep;
import odoodr.config.Config;
import odoodr.filestore.sync.StandbyAttachments;
import odoodr.runbook.Step;
import odoodr.runbook.SetupContext;
import odoodr.ssh.ServiceKeyRole;

import java.util.ArrayList;
import java.util.List;

/**
 * The filestore half of setup (runbook Section B), in the order a human walks it: the local owner, its key, the key
 * authorised on prod, then for each configured database its mirror directory and its initial copy.
 */
public final class FilestoreSetup {
    private FilestoreSetup() {
    }

    public static List<Step<SetupContext>> steps(Config config) {
        List<Step<SetupContext>> steps = new ArrayList<>(List.of(
                new EnsureOdooUserStep(),
                new EnsureServiceKeyStep(ServiceKeyRole.FILESTORE),
                new AuthorizeServiceKeyStep(ServiceKeyRole.FILESTORE)));
        for (String database : config.databases()) {
            steps.add(new EnsureMirrorDirectoryStep(database));
        }
        for (String database : config.databases()) {
            steps.add(new SeedFilestoreStep(database, ctx -> StandbyAttachments.highestId(ctx.config(), database)));
        }
        return List.copyOf(steps);
    }
}
