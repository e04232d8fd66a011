package odoodr.config;

import odoodr.DrException;
import odoodr.ExitCode;

/**
 * One thing wrong (or worth a warning) in the config: which key, where in which file, what, and what to do.
 *
 * @param key     dotted key path, e.g. {@code prod.ssh.host} or {@code databases[1]}
 * @param file    the config file as the user named it
 * @param line    1-based line, or 0 when the key is not in the file (a default value)
 * @param message what is wrong; starts with or names the key
 * @param hint    what to do next; may be null
 */
public record ConfigProblem(String key, String file, int line, String message, String hint) {

    /** {@code /etc/odoo-dr/odoo-dr.yaml:7}, or just the file when the key is not written in it. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }

    public DrException toException() {
        return new DrException(ExitCode.CONFIG, toString(), hint);
    }

    /** Compiler style, so editors and terminals can jump to the line: {@code file:7: prod.ssh.hots: unknown key}. */
    @Override
    public String toString() {
        return location() + ": " + message;
    }
}
