package odoodr.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where odoo-dr reaches a PostgreSQL server, spelled the way libpq takes it: {@code host=} a Unix socket directory
 * and {@code port=}, which names the socket file {@code <directory>/.s.PGSQL.<port>} (prod, through a tunnel), or
 * {@code host=127.0.0.1} (this replica's own standby).
 *
 * <p>Prod's credentials only ever go to a socket: loopback TCP is shared with every local user, who can bind a
 * forward's port before our ssh does (or while it restarts) and would then be sent the password (DESIGN.md §11).
 * A socket in a 0700 directory owned by the user that connects can only have been made by that user.
 *
 * @param socketDirectory the directory holding the socket; null for loopback TCP
 */
public record PgEndpoint(Path socketDirectory, int port) {
    public static final String LOOPBACK = "127.0.0.1";
    /** Where the permanent tunnels' socket directories live: tmpfs, so no stale socket survives a reboot. */
    public static final Path TUNNEL_SOCKETS = Path.of("/run/odoo-dr");
    private static final String SOCKET_PREFIX = ".s.PGSQL.";

    public PgEndpoint {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (socketDirectory != null && !socketDirectory.isAbsolute()) {
            throw new IllegalArgumentException("a socket directory must be absolute: " + socketDirectory);
        }
    }

    public static PgEndpoint unixSocket(Path directory, int port) {
        return new PgEndpoint(Objects.requireNonNull(directory, "directory"), port);
    }

    public static PgEndpoint loopback(int port) {
        return new PgEndpoint(null, port);
    }

    /**
     * The permanent tunnel's local end: {@code /run/odoo-dr/tunnel-<replica.tunnel_port>/.s.PGSQL.<tunnel_port>}.
     * Named by the port, as the tunnel's lock and pid files are: one tunnel per port on this host.
     */
    public static PgEndpoint permanentTunnel(Config config) {
        int port = config.replica().tunnelPort();
        return unixSocket(TUNNEL_SOCKETS.resolve("tunnel-" + port), port);
    }

    public boolean isUnixSocket() {
        return socketDirectory != null;
    }

    /** libpq's {@code host=}: the socket directory, or 127.0.0.1. */
    public String host() {
        return isUnixSocket() ? socketDirectory.toString() : LOOPBACK;
    }

    /** The socket file libpq derives from {@code host=<directory> port=<port>}. */
    public Path socketFile() {
        if (!isUnixSocket()) {
            throw new IllegalStateException("a loopback TCP endpoint has no socket file");
        }
        return socketDirectory.resolve(SOCKET_PREFIX + port);
    }

    /** The same server's endpoint seen from a client: {@code psql -h <host> -p <port>}. */
    public String psqlArguments() {
        return "-h " + host() + " -p " + port;
    }

    /** How messages name it: the socket file, or {@code 127.0.0.1:<port>}. */
    @Override
    public String toString() {
        return isUnixSocket() ? socketFile().toString() : LOOPBACK + ":" + port;
    }
}
