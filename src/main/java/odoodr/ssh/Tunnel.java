package odoodr.ssh;

import odoodr.host.ServiceUser;
import odoodr.config.Config;

import odoodr.host.FileLock;

import java.nio.file.Path;

/**
 * The permanent tunnel's names and paths: the postgres user's forwarding-only key, its known_hosts, the comment
 * that identifies this replica's line in prod's authorized_keys, and the forward itself.
 */
public final class Tunnel {
    private Tunnel() {
    }

    /** The postgres user's forwarding-only key and its pinned known_hosts. */
    public static ServiceKey key(Config config) {
        return new ServiceKey(ServiceUser.POSTGRES, privateKey(config), keyComment(config));
    }

    /** One key per replica name, so that its line on prod, its rotation and its removal concern this replica only. */
    public static Path privateKey(Config config) {
        return ServiceUser.POSTGRES.sshDirectory().resolve("odoo-dr-tunnel-" + config.replica().name() + "_ed25519");
    }

    public static Path publicKey(Config config) {
        return Path.of(privateKey(config) + ".pub");
    }

    public static Path knownHosts() {
        return ServiceUser.POSTGRES.sshDirectory().resolve("known_hosts");
    }

    public static String keyComment(Config config) {
        return "odoo-dr-tunnel@" + config.replica().name();
    }

    public static AuthorizedKey authorizedKey(Config config, String publicKeyFileContent) {
        return AuthorizedKey.tunnel(AuthorizedKey.keyPart(publicKeyFileContent), config.prod().pgPort(), keyComment(config));
    }

    public static TunnelSpec spec(Config config) {
        var ssh = config.prod().ssh();
        SshTarget target = new SshTarget(ssh.user(), ssh.host(), ssh.port(), privateKey(config), knownHosts());
        return new TunnelSpec(target, config.replica().tunnelPort(), config.prod().pgPort(), ServiceUser.POSTGRES.name());
    }

    /** Holds the lock of the running `odoo-dr tunnel` and its pid, so two never run for one port. */
    public static Path lockFile(Config config) {
        return Path.of("/run/odoo-dr/tunnel-" + config.replica().tunnelPort() + ".lock");
    }

    /**
     * True when an `odoo-dr tunnel` supervisor holds the lock for this port. A forward that answers without one is
     * an orphaned ssh (its supervisor was killed): nobody would restart it, so it does not count.
     */
    public static boolean supervisorRunning(Config config) {
        return FileLock.held(lockFile(config));
    }

    public static Path logFile(Config config) {
        return Path.of("/var/log/odoo-dr/tunnel-" + config.replica().tunnelPort() + ".log");
    }
}
