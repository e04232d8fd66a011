package odoodr.drill;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * drill.check_command: the operator's own proof that Odoo runs on the copy (e.g. an Odoo container fetching
 * /web/login), run by {@code sh -c} through {@code env -i}, so it sees exactly {@link #environment} and nothing of
 * odoo-dr's own environment (no password, DESIGN.md §11). Its output is kept for the report.
 */
final class CheckCommand {
    static final Duration TIMEOUT = Duration.ofMinutes(15);
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** How it ended: its exit code and output (stdout, then stderr, the tail of both). */
    record Outcome(int exitCode, String output) {
        boolean passed() {
            return exitCode == 0;
        }
    }

    private CheckCommand() {
    }

    static Map<String, String> environment(int port, List<String> databases) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", PATH);
        env.put("ODOO_DR_DRILL_HOST", "127.0.0.1");
        env.put("ODOO_DR_DRILL_PORT", Integer.toString(port));
        env.put("ODOO_DR_DRILL_DATABASE", databases.get(0));
        env.put("ODOO_DR_DRILL_DATABASES", String.join(",", databases));
        return env;
    }

    /** The argv: {@code env -i K=V… sh -c COMMAND}. */
    static List<String> argv(String command, Map<String, String> env) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/env", "-i"));
        env.forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(List.of("/bin/sh", "-c", command));
        return argv;
    }

    static Outcome run(ProcessRunner runner, String command, int port, List<String> databases) {
        try {
            ProcessResult r = runner.runAllowingFailure(Command.of(argv(command, environment(port, databases)))
                    .timeout(TIMEOUT).subject("drill.check_command").build());
            return new Outcome(r.exitCode(), Neutralizer.tail((r.stdout() + r.stderr()).strip()));
        } catch (DrException e) {
            if (e.exitCode() == ExitCode.PROCESS) {
                return new Outcome(-1, e.getMessage());
            }
            throw e;
        }
    }
}
