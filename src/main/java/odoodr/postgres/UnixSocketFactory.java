package odoodr.postgres;

import odoodr.host.UnixDomainSocket;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;

/**
 * pgjdbc's {@code socketFactory} for a server behind a Unix socket: pgjdbc instantiates it with
 * {@code socketFactoryArg}, the socket file, and every socket it makes connects there, whatever host and port the
 * URL names (pgjdbc itself speaks only TCP).
 */
public final class UnixSocketFactory extends SocketFactory {
    private final Path file;

    /** Called by pgjdbc (ObjectFactory) with the {@code socketFactoryArg} property. */
    public UnixSocketFactory(String socketFile) {
        if (socketFile == null || !socketFile.startsWith("/")) {
            throw new IllegalArgumentException("socketFactoryArg must be the absolute path of a socket: " + socketFile);
        }
        this.file = Path.of(socketFile);
    }

    @Override
    public Socket createSocket() throws SocketException {
        return new UnixDomainSocket(file);
    }

    /** The socket, connected: what every address-taking overload returns, whatever address it was given. */
    private Socket connected() throws IOException {
        return UnixDomainSocket.connect(file, 0);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected();
    }
}
