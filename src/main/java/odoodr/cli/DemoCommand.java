package odoodr.cli;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.host.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code odoo-dr demo [up|down]}: the local prod lab and the whole flow, for a first look. It runs the checkout's
 * {@code scripts/demo} (the same as {@code make demo KEEP=1} / {@code make demo-down}); the lab is part of the source
 * tree, not of an installed odoo-dr.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A local prod lab and the whole flow against it, for a first look (needs the source checkout).",
                "up: lab, preflight, setup, writes on prod arriving here; left running. down: remove all of it."})
public final class DemoCommand implements Callable<Integer> {
    enum Action { up, down }

    @Parameters(index = "0", arity = "0..1", defaultValue = "up", paramLabel = "up|down",
            description = "up (default) or down")
    Action action;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path script = checkout().resolve("scripts/demo");
        List<String> argv = new ArrayList<>(List.of(script.toString()));
        if (action == Action.down) {
            argv.add("down");
        }
        // The one child with the caller's whole environment, on purpose: the checkout's own demo script, in the
        // foreground, building with the operator's toolchain (JAVA_HOME, Maven settings); nothing is detached.
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        pb.environment().put("KEEP", "1");
        return pb.start().waitFor();
    }

    /** The checkout bin/odoo-dr was started from (it exports ODOO_DR_LAUNCHER). */
    private static Path checkout() {
        String launcher = System.getenv(Launcher.ENV);
        if (launcher != null) {
            Path root = Path.of(launcher).toAbsolutePath().getParent().getParent();
            if (Files.isExecutable(root.resolve("scripts/demo"))) {
                return root;
            }
        }
        throw new DrException(ExitCode.PRECONDITION, "the demo needs odoo-dr's source checkout (scripts/demo, scripts/prodlab)",
                "run it from a checkout: bin/odoo-dr demo, or make demo");
    }
}
