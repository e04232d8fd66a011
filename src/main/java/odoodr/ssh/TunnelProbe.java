package odoodr.ssh;

import odoodr.config.PgEndpoint;
import odoodr.host.PrivateSocketDirectory;
import odoodr.host.UnixDomainSocket;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Proves that a tunnel passes traffic all the way to prod's PostgreSQL, without credentials: it sends the
 * protocol's SSLRequest to the tunnel's socket and expects PostgreSQL's one-byte answer ('S' or 'N'). A listening
 * ssh whose far end is dead accepts the connection but never answers. Only a socket in a directory private to the
 * tunnel's user counts: anything else was not made by our ssh.
 */
public final class TunnelProbe {
    private static final int SSL_REQUEST_CODE = 80877103;

    private TunnelProbe() {
    }

    /** The permanent tunnel (ssh runs as postgres, whose directory holds the socket). */
    public static boolean postgresAnswers(PgEndpoint tunnel, int timeoutMillis) {
        return postgresAnswers(tunnel, ServiceKeyRole.TUNNEL.user().processOwner(), timeoutMillis);
    }

    /** A tunnel whose socket directory belongs to {@code socketOwner}. */
    public static boolean postgresAnswers(PgEndpoint tunnel, String socketOwner, int timeoutMillis) {
        if (!tunnel.isUnixSocket() || !PrivateSocketDirectory.holdsSocket(tunnel.socketFile(), socketOwner)) {
            return false;
        }
        try (UnixDomainSocket s = UnixDomainSocket.connect(tunnel.socketFile(), timeoutMillis)) {
            s.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(8);
            out.writeInt(SSL_REQUEST_CODE);
            out.flush();
            int answer = new DataInputStream(s.getInputStream()).read();
            return answer == 'S' || answer == 'N';
        } catch (IOException e) {
            return false;
        }
    }
}
