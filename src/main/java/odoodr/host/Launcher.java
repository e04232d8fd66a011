package odoodr.host;

import odoodr.process.ChildEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    /**
     * What a detached odoo-dr (the agent that setup starts) may inherit from the command that starts it: the search
     * path, the locale (the JVM encodes argv in its charset), the time zone, and how to start the JVM. Nothing else:
     * the caller's environment may hold prod's superuser password (ODOO_DR_PROD_PASSWORD), which must not live on
     * in a long-running process.
     */
    public static final List<String> DETACHED_KEEPS = List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ",
            "ODOO_DR_JAR", "ODOO_DR_JAVA_OPTS");

    public static Map<String, String> detachedEnvironment(Map<String, String> caller) {
        return ChildEnvironment.keep(caller, DETACHED_KEEPS);
    }
}
