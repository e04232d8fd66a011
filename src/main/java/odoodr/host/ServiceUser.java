package odoodr.host;

import odoodr.DrException;
import odoodr.ExitCode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A local system user that runs part of odoo-dr (postgres for the tunnel and the standby, odoo for the filestore).
 * Commands run as it through {@code setpriv}, which execs the program (no extra process, no PAM session) when
 * odoo-dr is root.
 */
public record ServiceUser(String name, Path home) {
    public static final ServiceUser POSTGRES = new ServiceUser("postgres", Path.of("/var/lib/postgresql"));
    /** Owner of the filestore mirror; rsync runs as it, never as root (runbook B1, gotcha 13). */
    public static final ServiceUser ODOO = new ServiceUser("odoo", Path.of("/var/lib/odoo"));

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * {@code argv} run as this user: the one place odoo-dr switches user for a child (ssh, ssh-keygen, rsync,
     * pg_basebackup). {@code --reset-env} leaves only TERM plus the user's HOME, SHELL, USER, LOGNAME and a default
     * PATH (DESIGN.md §11: nothing of odoo-dr's own, such as ODOO_DR_PROD_PASSWORD, reaches a service-user process).
     * Not root: setpriv could not switch user, so argv runs as it is.
     */
    public List<String> as(List<String> argv) {
        return runningAsRoot() ? throughSetpriv(argv) : argv;
    }

    List<String> throughSetpriv(List<String> argv) {
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + name, "--regid=" + name, "--init-groups",
                "--reset-env", "--"));
        out.addAll(argv);
        return out;
    }

    /** The OS user a child started through {@link #as} runs as: this user under root, else the current user. */
    public String processOwner() {
        return runningAsRoot() ? name : System.getProperty("user.name");
    }

    public Path sshDirectory() {
        return home.resolve(".ssh");
    }

    /** Makes ~/.ssh a directory of the user with mode 0700, never following a link the user planted there. */
    public void ensureSshDirectory() {
        try {
            DirectoryTree.ensure(sshDirectory(), "rwx------", Optional.of(name));
        } catch (IOException e) {
            throw new DrException(ExitCode.PROCESS, "cannot make " + sshDirectory() + ": " + e.getMessage(), null, e);
        }
    }
}
