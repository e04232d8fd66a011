package odoodr.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and as whom odoo-dr logs in on prod, and with which key and known_hosts file (both optional: without them
 * OpenSSH's own defaults and ~/.ssh/config apply, as for the operator's interactive ssh).
 */
public record SshTarget(String user, String host, int port, Path identityFile, Path knownHostsFile) {

    public String destination() {
        return user + "@" + host;
    }

    @Override
    public String toString() {
        return destination() + ":" + port;
    }

    /**
     * The ssh options every odoo-dr connection uses (remote commands, rsync's transport, the tunnel): never ask
     * anything (BatchMode), accept prod's host key on first contact and pin it afterwards (accept-new), and notice a
     * dead peer in seconds instead of hanging forever.
     */
    public List<String> sshOptions() {
        List<String> o = new ArrayList<>(List.of(
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=10",
                "-o", "ServerAliveInterval=5",
                "-o", "ServerAliveCountMax=3",
                "-o", "StrictHostKeyChecking=accept-new",
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
