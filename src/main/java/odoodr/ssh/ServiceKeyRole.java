package odoodr.ssh;

import odoodr.config.Config;
import odoodr.host.ServiceUser;

import java.nio.file.Path;

/**
 * What a service user's SSH key is for on prod. Each role has its own key (other blast radius, rotated and removed
 * on its own), named after this replica so that its line in prod's authorized_keys concerns this replica only, and
 * restricted there to one thing:
 * <ul>
 * <li>{@link #TUNNEL}: the postgres user's key for the permanent tunnel, forwarding to prod's PostgreSQL only
 * (runbook A2.1);</li>
 * <li>{@link #MONITOR}: the postgres user's key for the health checks, a forced {@code df} of
 * {@code prod.data_disk_path} only — the replication role cannot see prod's disk, and daily checks never use the
 * operator's access or the prod superuser;</li>
 * <li>{@link #FILESTORE}: the odoo user's key for the filestore mirror, a read-only rsync of prod's filestore only
 * (runbook B2).</li>
 * </ul>
 */
public enum ServiceKeyRole {
    TUNNEL(ServiceUser.POSTGRES, "tunnel"),
    MONITOR(ServiceUser.POSTGRES, "monitor"),
    FILESTORE(ServiceUser.ODOO, "filestore");

    private final ServiceUser user;
    private final String word;

    ServiceKeyRole(ServiceUser user, String word) {
        this.user = user;
        this.word = word;
    }

    /** The service user that owns the key: the one the tunnel, the health checks or rsync run as. */
    public ServiceUser user() {
        return user;
    }

    /** "tunnel", "monitor", "filestore": how steps and messages name the key. */
    public String word() {
        return word;
    }

    /** The known_hosts of the key's user, where setup pins prod's host key. */
    public Path knownHosts() {
        return ServiceKey.knownHostsOf(user);
    }

    public ServiceKey key(Config config) {
        return new ServiceKey(user, privateKey(config), comment(config));
    }

    /** {@code ~user/.ssh/odoo-dr-<role>-<replica>_ed25519}. */
    public Path privateKey(Config config) {
        return user.sshDirectory().resolve("odoo-dr-" + word + "-" + config.replica().name() + "_ed25519");
    }

    /** {@code odoo-dr-<role>@<replica>}: how decommission finds exactly our line on prod again. */
    public String comment(Config config) {
        return "odoo-dr-" + word + "@" + config.replica().name();
    }

    /** The key's line in prod's authorized_keys, with the restriction of this role. */
    public AuthorizedKey authorizedKey(Config config, String publicKeyFileContent) {
        String key = AuthorizedKey.keyPart(publicKeyFileContent);
        return switch (this) {
            case TUNNEL -> AuthorizedKey.tunnel(key, config.prod().pgPort(), comment(config));
            case MONITOR -> AuthorizedKey.monitor(key, config.prod().dataDiskPath(), comment(config));
            case FILESTORE -> AuthorizedKey.filestore(key, config.prod().requireFilestorePath(), comment(config));
        };
    }

    /** prod's login user and host, with this key and its user's pinned known_hosts, checked strictly. */
    public SshTarget target(Config config) {
        var ssh = config.prod().ssh();
        return new SshTarget(ssh.user(), ssh.host(), ssh.port(), privateKey(config), knownHosts()).strict();
    }
}
