package odoodr.ssh;

import odoodr.host.ServiceUser;
import odoodr.config.Config;
import odoodr.process.ShellQuote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The health checks' own SSH identity on prod: a key of the postgres user (which already owns the tunnel's key and
 * prod's pinned host key, and as which the agent's checks drop root), one per replica name, authorised on prod for
 * a forced {@code df} of {@code prod.data_disk_path} and nothing else — no shell, no forwarding. The replication
 * role cannot see prod's disk, and daily checks never use the operator's access or the prod superuser.
 */
public final class MonitorKey {
    /** Short: a status run must not hang on a prod that does not answer. */
    public static final int CONNECT_TIMEOUT_SECONDS = 5;

    private MonitorKey() {
    }

    public static ServiceKey key(Config config) {
        return new ServiceKey(ServiceUser.POSTGRES, privateKey(config), comment(config));
    }

    public static Path privateKey(Config config) {
        return ServiceUser.POSTGRES.sshDirectory().resolve("odoo-dr-monitor-" + config.replica().name() + "_ed25519");
    }

    public static String comment(Config config) {
        return "odoo-dr-monitor@" + config.replica().name();
    }

    public static AuthorizedKey authorizedKey(Config config, String publicKeyFileContent) {
        return AuthorizedKey.monitor(AuthorizedKey.keyPart(publicKeyFileContent), config.prod().dataDiskPath(),
                comment(config));
    }

    /** prod's login user and host, with this key and the postgres user's pinned known_hosts. */
    public static SshTarget target(Config config) {
        var ssh = config.prod().ssh();
        return new SshTarget(ssh.user(), ssh.host(), ssh.port(), privateKey(config), key(config).knownHosts());
    }

    /**
     * The local argv, run as the postgres user, that asks prod for its data disk's usage. sshd runs the forced
     * {@code df} whatever is asked; asking for the same command keeps the intent readable in prod's logs. The host
     * key must match the pinned one (never accepted on first use here), and ssh takes the first value of an option.
     */
    public static List<String> dfArgv(Config config) {
        SshTarget target = target(config);
        List<String> argv = new ArrayList<>(List.of("ssh", "-T",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "ConnectTimeout=" + CONNECT_TIMEOUT_SECONDS,
                "-o", "ServerAliveInterval=2",
                "-o", "ServerAliveCountMax=2"));
        argv.addAll(target.sshOptions());
        argv.add("--");
        argv.add(target.destination());
        argv.add(ShellQuote.join(AuthorizedKey.dfArgv(config.prod().dataDiskPath())));
        return ServiceUser.POSTGRES.as(argv);
    }
}
