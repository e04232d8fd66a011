package odoodr.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A listener on a Unix socket that plays a hostile PostgreSQL: it answers the first message with
 * {@code answer} (e.g. AuthenticationCleartextPassword) and records every byte the client sends until it hangs up.
 */
final class FakePostgres implements AutoCloseable {
    /** 'R', length 8, request 3: AuthenticationCleartextPassword. */
    static final byte[] CLEARTEXT_REQUEST = {'R', 0, 0, 0, 8, 0, 0, 0, 3};

    private final ServerSocketChannel server;
    private final CompletableFuture<byte[]> received;

    private FakePostgres(ServerSocketChannel server, byte[] answer) {
        this.server = server;
        this.received = CompletableFuture.supplyAsync(() -> serveOnce(answer), odoodr.ssh.TunnelProbeTest::ownThread);
    }

    static FakePostgres listen(Path socket, byte[] answer) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new FakePostgres(server, answer);
    }

    private byte[] serveOnce(byte[] answer) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (SocketChannel client = server.accept()) {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            boolean answered = false;
            while (client.read(buffer) >= 0) {
                buffer.flip();
                all.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
                if (!answered) {
                    client.write(ByteBuffer.wrap(answer));
                    answered = true;
                }
            }
        } catch (IOException e) {
            // the client hung up
        }
        return all.toByteArray();
    }

    /** Everything the client sent, once it has hung up. */
    String received() throws Exception {
        return new String(received.get(20, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
