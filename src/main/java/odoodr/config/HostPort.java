package odoodr.config;

/**
 * An address to listen on or connect to, written {@code host:port}, or {@code [v6]:port} for IPv6 literals.
 * The host follows {@link SafeValueRules#host}.
 */
public record HostPort(String host, int port) {
    private static final String HINT = "write host:port, e.g. 127.0.0.1:9187, 0.0.0.0:9187 or [::1]:9187";

    public static HostPort parse(String text) {
        SafeValueRules.rejectControlCharacters(text);
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not host:port", HINT);
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) {
                String why = colon < 0 ? "it has no :port" : "an IPv6 address needs brackets";
                throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not host:port: " + why, HINT);
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        try {
            return new HostPort(SafeValueRules.host(host), PortValue.parse(port));
        } catch (InvalidValueException e) {
            throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not host:port: " + e.getMessage(), HINT);
        }
    }

    /** True when only this machine can connect (127.0.0.0/8, ::1, localhost). */
    public boolean isLoopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
