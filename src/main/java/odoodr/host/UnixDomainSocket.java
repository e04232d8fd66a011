package odoodr.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A {@link Socket} connected to a Unix socket file, for code written against {@code java.net.Socket} (pgjdbc,
 * through {@code socketFactory}). Java 17 has Unix sockets only as {@link SocketChannel}s, whose
 * {@code socket()} adapter is unsupported for them; this class wraps the channel instead. The channel is
 * non-blocking and every wait goes through a selector, so {@link #setSoTimeout} and the connect timeout hold as they
 * do for TCP (the daily checks rely on pgjdbc's socketTimeout to give up on a silent tunnel). TCP options are
 * accepted and ignored: they mean nothing on a Unix socket.
 */
public final class UnixDomainSocket extends Socket {
    private final Path file;
    private SocketChannel channel;
    private Selector readable;
    private Selector writable;
    private volatile int timeoutMillis;
    private volatile boolean closed;

    /** Not yet connected: {@link #connect(SocketAddress, int)} connects to {@code file}, whatever address it is given. */
    public UnixDomainSocket(Path file) throws SocketException {
        super((java.net.SocketImpl) null);
        this.file = file;
    }

    /** Connected to {@code file} within {@code timeoutMillis} (0: no limit). */
    public static UnixDomainSocket connect(Path file, int timeoutMillis) throws IOException {
        UnixDomainSocket s = new UnixDomainSocket(file);
        s.connect((SocketAddress) null, timeoutMillis);
        return s;
    }

    @Override
    public synchronized void connect(SocketAddress ignored, int timeout) throws IOException {
        if (closed) {
            throw new SocketException("socket is closed");
        }
        boolean interrupted = Thread.interrupted();
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.configureBlocking(false);
            readable = Selector.open();
            writable = Selector.open();
            channel.register(readable, SelectionKey.OP_READ);
            if (!channel.connect(UnixDomainSocketAddress.of(file))) {
                try (Selector connecting = Selector.open()) {
                    channel.register(connecting, SelectionKey.OP_CONNECT);
                    if (connecting.select(timeout) == 0) {
                        throw new SocketTimeoutException("connect to " + file + " timed out after " + timeout + " ms");
                    }
                }
                channel.finishConnect();
            }
            channel.register(writable, SelectionKey.OP_WRITE);
        } catch (IOException e) {
            close();
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    /**
     * Waits as a TCP socket's blocking read does: a pending interrupt does not end the wait (a selector would
     * return at once, and the read would look timed out), and it is left set for the caller.
     */
    private int read(ByteBuffer buffer) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            int timeout = timeoutMillis;
            long deadline = System.nanoTime() + timeout * 1_000_000L;
            while (true) {
                int n = open().read(buffer);
                if (n != 0) {
                    return n;
                }
                long left = timeout == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
                if (timeout > 0 && left <= 0) {
                    throw new SocketTimeoutException("no answer from " + file + " within " + timeout + " ms");
                }
                readable.selectedKeys().clear();
                readable.select(left);
                interrupted |= Thread.interrupted();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An interrupt pending on the caller would close the channel (NIO channels are interruptible, TCP sockets are not). */
    private void write(ByteBuffer buffer) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (buffer.hasRemaining()) {
                if (open().write(buffer) == 0) {
                    writable.selectedKeys().clear();
                    writable.select(timeoutMillis);
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private SocketChannel open() throws SocketException {
        if (closed || channel == null) {
            throw new SocketException(closed ? "socket is closed" : "socket is not connected");
        }
        return channel;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        open();
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : UnixDomainSocket.this.read(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() throws IOException {
                UnixDomainSocket.this.close();
            }
        };
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        open();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                UnixDomainSocket.this.write(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() throws IOException {
                UnixDomainSocket.this.close();
            }
        };
    }

    @Override
    public void setSoTimeout(int timeout) {
        this.timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return timeoutMillis;
    }

    @Override
    public boolean isConnected() {
        return channel != null && channel.isConnected();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        for (AutoCloseable c : new AutoCloseable[]{readable, writable, channel}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing: nothing left to do with it
                }
            }
        }
    }

    @Override
    public void bind(SocketAddress bindpoint) {
        // a client socket of ours binds nothing
    }

    @Override
    public void setTcpNoDelay(boolean on) {
    }

    @Override
    public boolean getTcpNoDelay() {
        return true;
    }

    @Override
    public void setKeepAlive(boolean on) {
    }

    @Override
    public boolean getKeepAlive() {
        return false;
    }

    @Override
    public void setSendBufferSize(int size) {
    }

    @Override
    public int getSendBufferSize() {
        return 8192;
    }

    @Override
    public void setReceiveBufferSize(int size) {
    }

    @Override
    public int getReceiveBufferSize() {
        return 8192;
    }

    @Override
    public String toString() {
        return "UnixDomainSocket[" + file + "]";
    }
}
