package odoodr.filestore;

import odoodr.ExitCode;
import odoodr.DrException;
import odoodr.host.DirectoryTree;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.host.ServiceUser;
import odoodr.runbook.SetupContext;

import java.nio.file.Path;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Runbook B1/B3: {@code <local_base>} and {@code <local_base>/<db>}, odoo's, 0750, for one database. */
public final class EnsureMirrorDirectoryStep implements Step<SetupContext> {
    private final String database;

    public EnsureMirrorDirectoryStep(String database) {
        this.database = database;
    }

    @Override
    public String id() {
        return "filestore-dir-" + database;
    }

    @Override
    public String title() {
        return "mirror directory of " + database;
    }

    @Override
    public Check check(SetupContext ctx) {
        for (Path dir : dirs(ctx)) {
            String wrong = EnsureOdooUserStep.describeDirectory(dir, ServiceUser.ODOO.name());
            if (wrong != null) {
                return Check.needed("make " + dir + " a directory of " + ServiceUser.ODOO.name() + " with mode 0750 ("
                        + wrong + ")");
            }
        }
        return Check.satisfied(dirs(ctx).get(1) + " (" + ServiceUser.ODOO.name() + ", " + EnsureOdooUserStep.MODE + ")");
    }

    @Override
    public void apply(SetupContext ctx) {
        String odoo = ServiceUser.ODOO.name();
        for (Path dir : dirs(ctx)) {
            try {
                DirectoryTree.ensure(dir, "rwxr-x---", Optional.of(odoo)); // odoo's tree: no link followed
            } catch (IOException e) {
                throw new DrException(ExitCode.PROCESS, "cannot make " + dir + ": " + e.getMessage(), null, e);
            }
        }
    }

    private List<Path> dirs(SetupContext ctx) {
        return List.of(ctx.config().filestore().localBase(), ctx.config().filestore().localDirectoryOf(database));
    }
}
