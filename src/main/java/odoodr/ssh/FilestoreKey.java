package odoodr.ssh;

import odoodr.config.Config;
import odoodr.host.ServiceUser;

import java.nio.file.Path;

/**
 * The filestore's own SSH identity (runbook B2): a key of the odoo user, separate from the tunnel's (other blast
 * radius, rotated on its own), named after this replica so that its line on prod concerns this replica only, and
 * authorised there for a read-only rsync of the filestore and nothing else.
 */
public final class FilestoreKey {
    private FilestoreKey() {
    }

    public static ServiceKey key(Config config) {
        return new ServiceKey(ServiceUser.ODOO, privateKey(config), comment(config));
    }

    public static Path privateKey(Config config) {
        return ServiceUser.ODOO.sshDirectory().resolve("odoo-dr-filestore-" + config.replica().name() + "_ed25519");
    }

    public static String comment(Config config) {
        return "odoo-dr-filestore@" + config.replica().name();
    }

    public static AuthorizedKey authorizedKey(Config config, String publicKeyFileContent) {
        return AuthorizedKey.filestore(AuthorizedKey.keyPart(publicKeyFileContent),
                config.prod().requireFilestorePath(), comment(config));
    }

    /** prod's login user and host, with this key and the odoo user's pinned known_hosts. */
    public static SshTarget target(Config config) {
        var ssh = config.prod().ssh();
        return new SshTarget(ssh.user(), ssh.host(), ssh.port(), privateKey(config), key(config).knownHosts());
    }
}
