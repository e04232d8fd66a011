package odoodr.ssh;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Proves that the tunnel passes traffic all the way to prod's PostgreSQL, without credentials: it sends the
 * protocol's SSLRequest and expects PostgreSQL's one-byte answer ('S' or 'N'). A listening ssh whose far end is
 * dead accepts the TCP connection but never answers.
 */
public final class TunnelProbe {
    private static final int SSL_REQUEST_CODE = 80877103;

    private TunnelProbe() {
    }

    public static boolean postgresAnswers(int localPort, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", localPort), timeoutMillis);
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
