package odoodr.agent;

import java.util.List;
import java.util.ArrayList;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.health.HealthReport;
import odoodr.output.JsonRenderer;
import odoodr.output.PrometheusRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The agent's endpoints on {@code agent.listen} (127.0.0.1 by default), all read-only and served from the last
 * health report (no request ever triggers a check): {@code /health}, {@code /metrics}, {@code /status.json},
 * {@code /history.json} and {@code /}, a self-contained status page (no CDN).
 */
public final class AgentHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("agent");

    static {
        // The JDK's server waits for ever for a request that never comes: a few idle half-open connections would hold
        // every worker. Read at its first use, so set here, before any server exists (unless the operator chose).
        setIfAbsent("sun.net.httpserver.maxReqTime", "5");
        setIfAbsent("sun.net.httpserver.maxRspTime", "10");
    }

    /**
     * Each connection holds a worker while its request is read: enough workers that a handful of idle connections
     * (a browser's pre-connects, a port scanner) leave the endpoints answering; the request time-out frees them.
     */
    static final int WORKERS = 16;

    private final HttpServer server;

    public AgentHttpServer(String host, int port, Supplier<HealthReport> latest, History history) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new DrException(ExitCode.PRECONDITION, "agent: cannot listen on " + host + ":" + port + ": " + e.getMessage(),
                    "is another agent or program using it? set agent.listen to a free address");
        }
        byte[] page = loadPage();
        List<HttpContext> contexts = new ArrayList<>();
        contexts.add(server.createContext("/health", ex -> {
            HealthQuery query;
            try {
                query = HealthQuery.parse(ex.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                send(ex, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
                return;
            }
            Optional<String> problem = query.problem(latest.get());
            send(ex, problem.isEmpty() ? 200 : 503, "text/plain; charset=utf-8", problem.orElse("ok") + "\n");
        }));
        contexts.add(server.createContext("/metrics", ex -> withReport(ex, latest,
                r -> send(ex, 200, PrometheusRenderer.CONTENT_TYPE, new PrometheusRenderer().render(r)))));
        contexts.add(server.createContext("/status.json", ex -> withReport(ex, latest,
                r -> send(ex, 200, "application/json", new JsonRenderer().render(r)))));
        contexts.add(server.createContext("/history.json", ex -> send(ex, 200, "application/json", history.toJson())));
        contexts.add(server.createContext("/", ex -> {
            if (!ex.getRequestURI().getPath().equals("/")) {
                send(ex, 404, "text/plain; charset=utf-8", "not found\n");
                return;
            }
            sendBytes(ex, 200, "text/html; charset=utf-8", page);
        }));
        RequestGuard guard = new RequestGuard(host);
        for (HttpContext context : contexts) {
            context.getFilters().add(guard);
        }
        server.setExecutor(Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "agent-http");
            t.setDaemon(true);
            return t;
        }));
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public void start() {
        server.start();
        LOG.info("agent: serving /health /metrics /status.json / on {}", server.getAddress());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private interface ReportHandler {
        void handle(HealthReport report) throws IOException;
    }

    private static void withReport(HttpExchange ex, Supplier<HealthReport> latest, ReportHandler handler) throws IOException {
        HealthReport r = latest.get();
        if (r == null) {
            send(ex, 503, "text/plain; charset=utf-8", "no health report yet\n");
        } else {
            handler.handle(r);
        }
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        sendBytes(ex, code, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(code, -1);
                return;
            }
            ex.sendResponseHeaders(code, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] loadPage() {
        try (InputStream in = AgentHttpServer.class.getResourceAsStream("/odoodr/agent/status.html")) {
            if (in == null) {
                throw new IllegalStateException("status.html missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
