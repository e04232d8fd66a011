package odoodr.agent;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What every request to the agent must be before a handler sees it: a GET or HEAD (the endpoints only read), and
 * addressed to this agent by name — a Host header of loopback or of the configured listen host. A web page in the
 * operator's browser that rebinds its own DNS name to 127.0.0.1 sends its own name as Host and is refused, so it
 * cannot read /status.json.
 */
final class RequestGuard extends Filter {
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final String listenHost;

    RequestGuard(String listenHost) {
        this.listenHost = listenHost.toLowerCase(Locale.ROOT);
    }

    @Override
    public void doFilter(HttpExchange ex, Chain chain) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            refuse(ex, 405, "only GET and HEAD are served\n");
            return;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || !allowedHost(host)) {
            refuse(ex, 421, "this agent answers only to its own address (Host: 127.0.0.1 or localhost)\n");
            return;
        }
        chain.doFilter(ex);
    }

    /** The Host header without its port: loopback, or the listen address itself. */
    boolean allowedHost(String header) {
        String name = header.strip().toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && (!name.startsWith("[") || name.lastIndexOf(']') < colon)) {
            name = name.substring(0, colon);
        }
        return LOOPBACK_NAMES.contains(name) || name.matches("127(\\.\\d{1,3}){3}") || name.equals(listenHost)
                || ("[" + listenHost + "]").equals(name);
    }

    @Override
    public String description() {
        return "GET/HEAD only, Host of this agent only";
    }

    private static void refuse(HttpExchange ex, int code, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(code, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
