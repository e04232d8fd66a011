package odoodr.ssh;

import odoodr.config.Config;
import odoodr.process.ShellQuote;

import java.util.ArrayList;
import java.util.List;

/** How the health checks ask prod for its data disk's usage, through the {@link ServiceKeyRole#MONITOR} key. */
public final class ProdDiskQuery {
    /** Short: a status run must not hang on a prod that does not answer. */
    public static final int CONNECT_TIMEOUT_SECONDS = 5;

    private ProdDiskQuery() {
    }

    /**
     * The local argv, run as the postgres user, that asks prod for its data disk's usage. sshd runs the forced
     * {@code df} whatever is asked; asking for the same command keeps the intent readable in prod's logs. The host
     * key must match the pinned one (never accepted on first use here), and ssh takes the first value of an option.
     */
    public static List<String> dfArgv(Config config) {
        SshTarget target = ServiceKeyRole.MONITOR.target(config);
        List<String> argv = new ArrayList<>(List.of("ssh", "-T",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "ConnectTimeout=" + CONNECT_TIMEOUT_SECONDS,
                "-o", "ServerAliveInterval=2",
                "-o", "ServerAliveCountMax=2"));
        argv.addAll(target.sshOptions());
        argv.add("--");
        argv.add(target.destination());
        argv.add(ShellQuote.join(AuthorizedKey.dfArgv(config.prod().dataDiskPath())));
        return ServiceKeyRole.MONITOR.user().as(argv);
    }
}
