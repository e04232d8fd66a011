package odoodr.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnixDomainSocketTest {
    @TempDir
    Path dir;

    @Test
    void bytesGoBothWaysThroughTheStreams() throws Exception {
        Path file = dir.resolve("echo");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(file));
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer b = ByteBuffer.allocate(64);
                    c.read(b);
                    b.flip();
                    c.write(b);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, odoodr.ssh.TunnelProbeTest::ownThread);
            try (UnixDomainSocket s = UnixDomainSocket.connect(file, 1000)) {
                assertThat(s.isConnected()).isTrue();
                s.getOutputStream().write("hello".getBytes());
                byte[] back = s.getInputStream().readNBytes(5);
                assertThat(new String(back)).isEqualTo("hello");
            }
            echo.get();
        }
    }

    @Test
    void aSilentPeerMakesAReadTimeOutAfterSoTimeoutLikeTcp() throws Exception {
        Path file = dir.resolve("silent");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(file));
            try (UnixDomainSocket s = UnixDomainSocket.connect(file, 1000); SocketChannel peer = server.accept()) {
                s.setSoTimeout(300);
                InputStream in = s.getInputStream();
                long start = System.nanoTime();
                assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(millis).isBetween(250L, 3000L);
                peer.write(ByteBuffer.wrap(new byte[]{42}));
                assertThat(in.read()).as("still usable after a timeout, as a TCP socket is").isEqualTo(42);
                peer.close();
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void noListenerIsAnIoErrorAndAClosedSocketSaysSo() throws Exception {
        assertThatThrownBy(() -> UnixDomainSocket.connect(dir.resolve("nothing"), 500))
                .isInstanceOf(java.io.IOException.class);
        UnixDomainSocket s = new UnixDomainSocket(dir.resolve("nothing"));
        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThatThrownBy(s::getInputStream).isInstanceOf(java.net.SocketException.class);
    }
}
