package odoodr.filestore;

import odoodr.host.DirectoryTree;
import odoodr.host.LocalAccounts;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.host.ServiceUser;
import odoodr.runbook.SetupContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runbook B1 and gotcha 13: the system user {@code odoo} owns the mirror and runs rsync (never root). It gets the uid
 * of prod's filestore owner (the Odoo container's user, read from prod, never assumed) when that uid is free here, so
 * that an Odoo container started on this replica after a failover owns its files as on prod; otherwise any system
 * uid: rsync does not copy owners (it runs as odoo), so files are odoo's by name either way. Its home
 * {@code /var/lib/odoo} is 0750 and holds its SSH key and the sync lock.
 */
public final class EnsureOdooUserStep implements Step<SetupContext> {
    static final String MODE = "rwxr-x---";
    private static final Duration QUICK = Duration.ofSeconds(20);
    private static final ServiceUser ODOO = ServiceUser.ODOO;

    /** Prod's filestore owner, numeric. */
    record ProdOwner(int uid, int gid) {
    }

    @Override
    public String id() {
        return "filestore-owner";
    }

    @Override
    public String title() {
        return "local user odoo, owner of the filestore mirror";
    }

    @Override
    public Check check(SetupContext ctx) {
        LocalAccounts accounts = new LocalAccounts(ctx.runner());
        Optional<LocalAccounts.Entry> user = accounts.user(ODOO.name());
        if (user.isPresent()) {
            String home = describeDirectory(ODOO.home(), ODOO.name());
            return home == null ? Check.satisfied(ODOO.name() + " (uid " + user.get().id() + "), " + ODOO.home() + " " + MODE)
                    : Check.needed("make " + ODOO.home() + " a directory of " + ODOO.name() + " with mode 0750 (" + home + ")");
        }
        return Check.needed("create system user " + ODOO.name() + " " + uidPlan(accounts, prodOwner(ctx))
                + ", group " + ODOO.name() + ", home " + ODOO.home() + " (0750), no login shell");
    }

    static String uidPlan(LocalAccounts accounts, ProdOwner prod) {
        Optional<LocalAccounts.Entry> taken = accounts.user(Integer.toString(prod.uid()));
        return taken.isEmpty() ? "with uid " + prod.uid() + " (the owner of prod's filestore)"
                : "with a free system uid (prod's filestore owner, uid " + prod.uid() + ", is " + taken.get().name()
                + " here; files are owned by name, rsync does not copy uids)";
    }

    @Override
    public void apply(SetupContext ctx) {
        LocalAccounts accounts = new LocalAccounts(ctx.runner());
        if (accounts.user(ODOO.name()).isEmpty()) {
            ProdOwner prod = prodOwner(ctx);
            if (accounts.group(ODOO.name()).isEmpty()) {
                List<String> groupadd = new ArrayList<>(List.of("groupadd", "--system"));
                if (accounts.group(Integer.toString(prod.gid())).isEmpty()) {
                    groupadd.addAll(List.of("--gid", Integer.toString(prod.gid())));
                }
                groupadd.add(ODOO.name());
                run(ctx, groupadd);
            }
            List<String> useradd = new ArrayList<>(List.of("useradd", "--system"));
            if (accounts.user(Integer.toString(prod.uid())).isEmpty()) {
                useradd.addAll(List.of("--uid", Integer.toString(prod.uid())));
            }
            useradd.addAll(List.of("--gid", ODOO.name(), "--home-dir", ODOO.home().toString(), "--no-create-home",
                    "--shell", "/usr/sbin/nologin", "--comment", "odoo-dr filestore mirror", ODOO.name()));
            run(ctx, useradd);
        }
        try {
            DirectoryTree.ensure(ODOO.home(), "rwxr-x---", Optional.of(ODOO.name()));
        } catch (IOException e) {
            throw new DrException(ExitCode.PROCESS, "cannot make " + ODOO.home() + ": " + e.getMessage(), null, e);
        }
    }

    private static void run(SetupContext ctx, List<String> argv) {
        ctx.runner().run(Command.of(argv).timeout(QUICK).onFailure(ExitCode.PROCESS, null).build());
    }

    /** The numeric owner of the first database's filestore on prod (or of the filestore root), through sudo. */
    static ProdOwner prodOwner(SetupContext ctx) {
        Path root = ctx.config().prod().requireFilestorePath();
        List<Path> candidates = new ArrayList<>();
        ctx.config().databases().stream().findFirst().ifPresent(db -> candidates.add(root.resolve(db)));
        candidates.add(root);
        for (Path p : candidates) {
            ProcessResult r = ctx.prod().run(ctx.prod().command(List.of("sudo", "-n", "--", "stat", "-c", "%u %g", "--",
                    p.toString()), QUICK).allowExitCodes(1).onFailure(ExitCode.SSH, null).build());
            String[] ids = r.stdoutTrimmed().split(" ");
            if (r.exitCode() == 0 && ids.length == 2) {
                return new ProdOwner(Integer.parseInt(ids[0]), Integer.parseInt(ids[1]));
            }
        }
        throw new DrException(ExitCode.PRECONDITION, "prod has no " + root + " (prod.filestore_path)",
                "find the filestore with: sudo docker inspect <odoo-container> --format '{{json .Mounts}}',"
                        + " then set prod.filestore_path");
    }

    /** Null when {@code dir} is a directory of {@code owner} with mode 0750, else what is wrong with it. */
    static String describeDirectory(Path dir, String owner) {
        try {
            if (!Files.isDirectory(dir)) {
                return dir + " is missing";
            }
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class);
            String mode = PosixFilePermissions.toString(a.permissions());
            if (!a.owner().getName().equals(owner) || !mode.equals(MODE)) {
                return "now " + a.owner().getName() + " " + mode;
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
