package odoodr.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How to start odoo-dr itself again (the detached tunnel, the systemd units): the launcher script when odoo-dr
 * was started through it ({@code bin/odoo-dr} exports ODOO_DR_LAUNCHER), else this very JVM and classpath.
 */
public final class Launcher {
    public static final String ENV = "ODOO_DR_LAUNCHER";

    private Launcher() {
    }

    public static List<String> command() {
        String script = System.getenv(ENV);
        if (script != null && Files.isExecutable(Path.of(script))) {
            return List.of(script);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), "odoodr.cli.Main");
    }
}
