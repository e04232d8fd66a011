package odoodr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import odoodr.DrException;
import odoodr.ExitCode;

/** Loads YAML text as if it were /etc/odoo-dr/odoo-dr.yaml on a host named prd-vnic. */
final class ConfigFixture {
    static final String FILE = "/etc/odoo-dr/odoo-dr.yaml";
    static final String HOSTNAME = "prd-vnic";
    static final String MINIMAL = """
            prod:
              ssh:
                host: prod.example.com
            """;

    private ConfigFixture() {
    }

    static Config load(String yaml) {
        return new ConfigLoader(() -> HOSTNAME).parse(yaml, FILE);
    }

    /** Loading must fail with a config error; returns it for more assertions. */
    static DrException loadFails(String yaml) {
        DrException e = catchThrowableOfType(DrException.class, () -> load(yaml));
        assertThat(e).as("loading should fail:\n%s", yaml).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(e.getMessage()).as("one line, no raw control characters").doesNotContain("\n", "\r", "\u0000");
        return e;
    }

    /** Loading fails and the message names {@code key} and {@code FILE:line}. */
    static DrException loadFailsAt(String yaml, String key, int line) {
        DrException e = loadFails(yaml);
        assertThat(e.getMessage()).contains(key).contains(FILE + ":" + line + ":");
        return e;
    }

    /** 1-based number of the first line of {@code yaml} containing {@code marker}. */
    static int lineOf(String yaml, String marker) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + marker + " in\n" + yaml);
    }

    /** 1-based number of the last line of {@code yaml} (where {@link #withValue} puts its key). */
    static int lastLine(String yaml) {
        return (int) yaml.strip().lines().count();
    }

    /** YAML double-quoted scalar holding exactly {@code value} (control characters as \\u escapes). */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * A config with prod.ssh.host set and {@code key} set to the YAML text {@code yamlValue}, each key on its own
     * line in block style, so the returned line of {@code key} is predictable.
     */
    static String withValue(String key, String yamlValue) {
        StringBuilder yaml = new StringBuilder();
        String[] parts = key.split("\\.");
        boolean touchesSsh = key.startsWith("prod.ssh.");
        if (!key.startsWith("prod.")) {
            yaml.append(MINIMAL);
        }
        for (int i = 0; i < parts.length - 1; i++) {
            yaml.append("  ".repeat(i)).append(parts[i]).append(":\n");
            if (parts[i].equals("prod") && !touchesSsh && !key.equals(ConfigKeys.PROD_SSH)) {
                yaml.append("  ssh:\n    host: prod.example.com\n");
            }
        }
        if (touchesSsh && !key.equals(ConfigKeys.PROD_SSH_HOST)) {
            yaml.append("    host: prod.example.com\n");
        }
        yaml.append("  ".repeat(parts.length - 1)).append(parts[parts.length - 1]).append(": ").append(yamlValue)
                .append('\n');
        return yaml.toString();
    }
}
