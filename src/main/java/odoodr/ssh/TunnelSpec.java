package odoodr.ssh;

import odoodr.config.PgEndpoint;
import odoodr.host.ServiceUser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tunnel from a Unix socket on the replica ({@code local}, in a directory only {@code runAs} can enter) to prod's
 * {@code 127.0.0.1:<remotePort>} (the port the PostgreSQL container publishes on prod's loopback), run as the
 * {@code postgres} OS user with its own forwarding-only key. Never a loopback TCP port: any local user could bind it
 * first, or while ssh restarts, and be sent the replication password (DESIGN.md §11).
 *
 * @param runAs OS user that owns the key and runs ssh; when odoo-dr runs as root, ssh is started through
 *              {@link ServiceUser#as}, whose {@code setpriv} execs it (no intermediate process, so the supervised pid
 *              is ssh itself) with the user's minimal environment: ssh finds the key and known_hosts through its
 *              options and the user's passwd entry, and needs nothing of odoo-dr's own environment
 */
public record TunnelSpec(SshTarget prod, PgEndpoint local, int remotePort, ServiceUser runAs) {
    /**
     * Measured on this machine (DESIGN.md §10): a silently dead peer is noticed after about interval × (count + 1),
     * so 2 s × 3 ≈ 6–7 s, then the supervisor restarts ssh.
     */
    public static final int ALIVE_INTERVAL_SECONDS = 2;
    public static final int ALIVE_COUNT_MAX = 2;
    /** AES-GCM forwards faster than the default chacha20 with half the CPU (DESIGN.md §10); rsync's ssh uses it too. */
    public static final String CIPHERS = "aes128-gcm@openssh.com,chacha20-poly1305@openssh.com";

    /**
     * ssh replaces a stale socket of an earlier run (StreamLocalBindUnlink) and makes the new one 0600
     * (StreamLocalBindMask): only its own user, and root, may connect.
     */
    public static final List<String> SOCKET_OPTIONS = List.of("-o", "StreamLocalBindUnlink=yes",
            "-o", "StreamLocalBindMask=0177");

    public TunnelSpec {
        if (!local.isUnixSocket()) {
            throw new IllegalArgumentException("a tunnel forwards from a Unix socket, not " + local);
        }
    }

    public String forwardSpec() {
        return forwardSpec(local, remotePort);
    }

    /** {@code -L}'s argument: the local socket file to prod's loopback port. */
    public static String forwardSpec(PgEndpoint local, int remotePort) {
        return local.socketFile() + ":127.0.0.1:" + remotePort;
    }

    public List<String> argv() {
        List<String> argv = new ArrayList<>(List.of("ssh", "-N", "-T",
                "-o", "ExitOnForwardFailure=yes",
                "-o", "ServerAliveInterval=" + ALIVE_INTERVAL_SECONDS,
                "-o", "ServerAliveCountMax=" + ALIVE_COUNT_MAX,
                "-o", "TCPKeepAlive=no",
                "-o", "Ciphers=" + CIPHERS));
        argv.addAll(SOCKET_OPTIONS);
        argv.addAll(replaceAliveOptions(prod.sshOptions()));
        argv.addAll(List.of("-L", forwardSpec(), "--", prod.destination()));
        return runAs.as(argv);
    }

    /** The shared options carry a slower keepalive for commands; the tunnel sets its own, first one wins in ssh. */
    private static List<String> replaceAliveOptions(List<String> options) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if ("-o".equals(o) && i + 1 < options.size() && options.get(i + 1).startsWith("ServerAlive")) {
                i++;
                continue;
            }
            out.add(o);
        }
        return out;
    }

    public Path pidFile() {
        return Path.of("/run/odoo-dr/tunnel-" + local.port() + ".pid");
    }
}
