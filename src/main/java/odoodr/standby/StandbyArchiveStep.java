package odoodr.standby;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.archive.ArchiveLayout;
import odoodr.archive.ArchiveSpace;
import odoodr.config.Config;
import odoodr.host.DirectoryTree;
import odoodr.host.ServiceUser;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;
import odoodr.runbook.Step;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The recovery archive's directories (archive.directory: {@code wal/} and {@code base/}, postgres, 0700, made without
 * following a link) and the standby's peer login for the agent's base backups. Refused: an archive inside the
 * standby's data directory or the filestore mirror, and a file system without room for one base backup (the
 * standby's size). With archive.enabled false nothing is made, and an archive made before is left on disk.
 */
public final class StandbyArchiveStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "standby-archive";
    }

    @Override
    public String title() {
        return "recovery archive (WAL and base backups of the standby)";
    }

    @Override
    public Check check(SetupContext ctx) {
        Config config = ctx.config();
        ArchiveLayout layout = ArchiveLayout.of(config);
        if (!config.archive().enabled()) {
            return Check.satisfied("archive.enabled is false: the standby does not archive"
                    + (layout.root().toFile().exists() ? "; " + layout.root() + " is left on disk as it is (remove it"
                    + " by hand when its recovery points are no longer wanted)" : ""));
        }
        Path data = ctx.cluster().dataDirectory();
        Optional<String> overlap = overlap(layout.root(), data, config.filestore().localBase());
        if (overlap.isPresent()) {
            return new Check(Check.State.BLOCKED, "archive.directory " + layout.root() + " is inside " + overlap.get(),
                    "set archive.directory to a directory of its own, e.g. " + odoodr.config.ArchiveConfig.DEFAULT_PARENT
                            .resolve(config.postgres().cluster()) + " (the default, when archive.directory is empty)",
                    ExitCode.CONFIG);
        }
        Optional<String> room = ArchiveSpace.lackOfRoom(layout.root(), data);
        if (room.isPresent()) {
            return Check.blocked(room.get(), "free space there, or set archive.directory to a larger file system");
        }
        try {
            String missing = ctx.cluster().exists() ? ArchivePeerAccess.missing(ctx.cluster(), config) : "no cluster yet";
            Optional<String> unwritable = ArchiveSpace.notWritableByPostgres(ctx.runner(), layout);
            if (missing == null && unwritable.isEmpty()) {
                return Check.satisfied(layout.walDirectory() + " and " + layout.baseDirectory()
                        + " writable by postgres; base backups log in by peer as the replication role");
            }
            return Check.needed("make " + layout.walDirectory() + " and " + layout.baseDirectory() + " (postgres, 0700)"
                    + (missing == null ? "" : "; " + missing + ": add it"));
        } catch (IOException e) {
            throw new DrException(ExitCode.DATABASE, "cannot read the standby's pg_hba.conf: " + e.getMessage(), null, e);
        }
    }

    /** The directory {@code root} would lie in (or be), of those odoo-dr keeps other things in. */
    static Optional<String> overlap(Path root, Path dataDirectory, Path mirror) {
        Path r = root.toAbsolutePath().normalize();
        if (r.startsWith(dataDirectory.toAbsolutePath().normalize()) || dataDirectory.startsWith(r)) {
            return Optional.of("the standby's data directory " + dataDirectory);
        }
        if (r.startsWith(mirror.toAbsolutePath().normalize()) || mirror.startsWith(r)) {
            return Optional.of("the filestore mirror " + mirror);
        }
        return Optional.empty();
    }

    @Override
    public void apply(SetupContext ctx) {
        ArchiveLayout layout = ArchiveLayout.of(ctx.config());
        Optional<String> postgres = ServiceUser.runningAsRoot() ? Optional.of(ServiceUser.POSTGRES.name()) : Optional.empty();
        try {
            DirectoryTree.ensure(layout.root(), "rwx------", postgres);
            DirectoryTree.ensure(layout.walDirectory(), "rwx------", postgres);
            DirectoryTree.ensure(layout.baseDirectory(), "rwx------", postgres);
            if (ArchivePeerAccess.missing(ctx.cluster(), ctx.config()) != null) {
                ArchivePeerAccess.write(ctx.cluster(), ctx.config());
                if (ctx.cluster().status().map(s -> s.online()).orElse(false)) {
                    ctx.cluster().reload();
                }
            }
        } catch (IOException e) {
            throw new DrException(ExitCode.PRECONDITION, "cannot make the archive in " + layout.root() + ": "
                    + e.getMessage(), "archive.directory must be a directory path without links", e);
        }
    }
}
