package odoodr.config;

/** TCP ports: decimal 1-65535 (0 would mean "any free port" to bind(), which nothing here wants). */
public final class PortValue {
    private PortValue() {
    }

    public static int parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.matches("\\d{1,5}")) {
            throw new InvalidValueException("expected a port number (1-65535), found `" + ValueDisplay.quote(text) + "`",
                    "write the port in decimal, e.g. 5432");
        }
        int port = Integer.parseInt(trimmed);
        if (port < 1 || port > 65535) {
            throw new InvalidValueException("port " + port + " is out of range (1-65535)", "use a port from 1 to 65535");
        }
        return port;
    }
}
