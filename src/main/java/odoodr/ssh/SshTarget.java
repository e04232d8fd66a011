package odoodr.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and as whom odoo-dr logs in on prod, and with which key and known_hosts file (both optional: without them
 * OpenSSH's own defaults and ~/.ssh/config apply, as for the operator's interactive ssh).
 *
 * @param strictHostKeys true for the service users' connections (tunnel, monitor, filestore): their known_hosts is
 *                       pinned by setup from the operator's verified key, so an unknown key is refused, never pinned;
 *                       false for the operator's own access, whose first contact pins prod's key (accept-new) and
 *                       shows its fingerprint to be verified ({@link HostKeys})
 */
public record SshTarget(String user, String host, int port, Path identityFile, Path knownHostsFile,
                        boolean strictHostKeys) {

    /** The operator's access: prod's key is pinned on first contact. */
    public SshTarget(String user, String host, int port, Path identityFile, Path knownHostsFile) {
        this(user, host, port, identityFile, knownHostsFile, false);
    }

    /** The same target for a service user: only a key already pinned in its known_hosts is accepted. */
    public SshTarget strict() {
        return new SshTarget(user, host, port, identityFile, knownHostsFile, true);
    }

    /** How known_hosts names prod: {@code host}, or {@code [host]:port} off port 22. */
    public String hostPattern() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** The known_hosts file ssh pins prod in: the configured one, else the running user's ~/.ssh/known_hosts. */
    public Path knownHostsOrDefault() {
        return knownHostsFile != null ? knownHostsFile : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    public String destination() {
        return user + "@" + host;
    }

    @Override
    public String toString() {
        return destination() + ":" + port;
    }

    /**
     * The ssh options every odoo-dr connection uses (remote commands, rsync's transport, the tunnel): never ask
     * anything (BatchMode), check prod's host key ({@link #strictHostKeys}), and notice a dead peer in seconds
     * instead of hanging forever.
     */
    public List<String> sshOptions() {
        List<String> o = new ArrayList<>(List.of(
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=10",
                "-o", "ServerAliveInterval=5",
                "-o", "ServerAliveCountMax=3",
                "-o", "StrictHostKeyChecking=" + (strictHostKeys ? "yes" : "accept-new"),
                "-o", "LogLevel=ERROR",
                "-p", Integer.toString(port)));
        if (identityFile != null) {
            o.addAll(List.of("-i", identityFile.toString(), "-o", "IdentitiesOnly=yes"));
        }
        if (knownHostsFile != null) {
            o.addAll(List.of("-o", "UserKnownHostsFile=" + knownHostsFile));
        }
        return o;
    }
}
