package odoodr.agent;

import odoodr.lab.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's HTTP server on a real loopback socket: what it answers, and to whom. */
class AgentHttpServerTest {
    AgentHttpServer server;

    @BeforeEach
    void start() {
        server = new AgentHttpServer("127.0.0.1", 0, () -> null, new History(Duration.ofHours(1)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getAndHeadAreServed() throws IOException {
        assertThat(request("GET /history.json HTTP/1.1\r\nHost: 127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200");
        assertThat(request("HEAD / HTTP/1.1\r\nHost: localhost:" + server.port())).startsWith("HTTP/1.1 200");
    }

    @Test
    void otherMethodsAreRefused() throws IOException {
        for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS")) {
            String answer = request(method + " /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0");
            assertThat(answer).as(method).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: GET, HEAD");
        }
    }

    @Test
    void aForeignHostHeaderIsRefused() throws IOException {
        // a DNS-rebinding page: the browser sends the attacker's name with the rebound address
        String answer = request("GET /status.json HTTP/1.1\r\nHost: evil.example:" + server.port());
        assertThat(answer).startsWith("HTTP/1.1 421").doesNotContain("\"checks\"");
        assertThat(request("GET /status.json HTTP/1.0")).as("no Host at all").startsWith("HTTP/1.1 421");
    }

    @Test
    void idleHalfOpenConnectionsDoNotFreezeTheEndpoints() throws IOException {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) { // more than the server has workers
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                idle.add(s);
            }
            // without request time-outs this one waits as long as the idle ones stay open
            assertThat(request("GET /history.json HTTP/1.1\r\nHost: 127.0.0.1")).startsWith("HTTP/1.1 200");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void connectionsThatNeverFinishARequestAreCutSoTheEndpointsComeBack() throws IOException {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < AgentHttpServer.WORKERS + 2; i++) { // every worker held
                Socket s = new Socket("127.0.0.1", server.port());
                s.setSoTimeout(30_000);
                s.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                idle.add(s);
            }
            // the request time-out (5 s) closes them; without it they hold the workers for as long as they stay open
            String answer = Poll.lastOf(Duration.ofSeconds(30), Duration.ofMillis(500), () -> {
                try {
                    return request("GET /history.json HTTP/1.1\r\nHost: 127.0.0.1");
                } catch (IOException cut) {
                    return cut.toString();
                }
            }, a -> a.startsWith("HTTP/1.1 200"));
            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(idle.get(0).getInputStream().read()).as("the idle connection was closed by the server").isEqualTo(-1);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void hostNamesAllowed() {
        RequestGuard guard = new RequestGuard("10.0.0.5");
        assertThat(guard.allowedHost("127.0.0.1:9187")).isTrue();
        assertThat(guard.allowedHost("LOCALHOST")).isTrue();
        assertThat(guard.allowedHost("[::1]:9187")).isTrue();
        assertThat(guard.allowedHost("10.0.0.5:9187")).isTrue();
        assertThat(guard.allowedHost("127.0.0.1.evil.example")).isFalse();
        assertThat(guard.allowedHost("evil.example")).isFalse();
        assertThat(guard.allowedHost("10.0.0.6")).isFalse();
    }

    /** One request on its own connection; the answer's head (status line and headers), with a generous read limit. */
    private String request(String head) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
