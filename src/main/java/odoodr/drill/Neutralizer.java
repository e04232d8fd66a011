package odoodr.drill;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.host.ServiceUser;
import odoodr.postgres.DebianCluster;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes each database of a drill copy safe for Odoo, right after the copy's promotion and before anyone but odoo-dr
 * is told where it is: {@code odoo-bin neutralize} when drill.odoo_bin names one (Odoo 17's own: every installed
 * module's data/neutralize.sql), else {@link NeutralizationPlan}. Then proves it: no active mail server that can
 * send, no active cron (Odoo's autovacuum job aside), no active fetchmail server, the marker set; a database that
 * fails the proof fails the drill.
 */
final class Neutralizer {
    private static final Duration ODOO_BIN_TIMEOUT = Duration.ofMinutes(10);

    /** What was done to one database, and what the proof found. */
    record Result(String database, String how, List<String> changes) {
    }

    private final ProcessRunner runner;
    private final LocalPsql copy;
    private final Optional<Path> odooBin;

    Neutralizer(ProcessRunner runner, LocalPsql copy, Optional<Path> odooBin) {
        this.runner = runner;
        this.copy = copy;
        this.odooBin = odooBin;
    }

    Result neutralize(String database) {
        Set<String> tables = tables(database);
        String how;
        List<String> changes;
        if (odooBin.isPresent()) {
            runOdooBin(database);
            how = odooBin.get() + " neutralize";
            changes = List.of("Odoo's own data/neutralize.sql of every installed module");
        } else {
            List<NeutralizationPlan.Statement> plan = NeutralizationPlan.forTables(tables);
            copy.execute(database, NeutralizationPlan.script(plan));
            how = "odoo-dr's neutralization";
            changes = plan.stream().map(s -> s.table() + ": " + s.what()).distinct().toList();
        }
        prove(database, tables);
        return new Result(database, how, changes);
    }

    private Set<String> tables(String database) {
        String list = copy.value(database, NeutralizationPlan.tablesQuery());
        return Arrays.stream(list.split(",")).map(String::strip).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
    }

    /**
     * Odoo 17's CLI: {@code odoo-bin neutralize -d DB} with the connection options of its server ({@code --db_host}
     * a socket directory, {@code --db_port}, {@code -r} prod's superuser), run as the OS user postgres so that the
     * copy's peer map logs it in with no password.
     */
    private void runOdooBin(String database) {
        List<String> argv = List.of(odooBin.get().toString(), "neutralize", "-d", database,
                "--db_host", DebianCluster.SOCKET_DIRECTORY.toString(), "--db_port", Integer.toString(copy.port()),
                "-r", copy.role());
        ProcessResult r = runner.runAllowingFailure(Command.of(ServiceUser.POSTGRES.as(argv)).timeout(ODOO_BIN_TIMEOUT)
                .subject("odoo-bin neutralize " + database).build());
        if (r.exitCode() != 0) {
            throw new DrException(ExitCode.DRILL, "neutralize: " + odooBin.get() + " neutralize -d " + database
                    + " failed (exit " + r.exitCode() + "): " + tail(r.stderr() + r.stdout()),
                    "run it by hand to see why; or leave drill.odoo_bin empty for odoo-dr's own neutralization");
        }
    }

    private void prove(String database, Set<String> tables) {
        String[] found = copy.value(database, NeutralizationPlan.proof(tables)).split("\\|", -1);
        StringBuilder wrong = new StringBuilder();
        if (positive(found[0])) {
            wrong.append(found[0]).append(" active mail server(s) that can send; ");
        }
        if (positive(found[1])) {
            wrong.append(found[1]).append(" active cron(s); ");
        }
        if (positive(found[2])) {
            wrong.append(found[2]).append(" active fetchmail server(s); ");
        }
        if (tables.contains("ir_config_parameter") && !found[3].equals("true")) {
            wrong.append(NeutralizationPlan.MARKER).append(" not set; ");
        }
        if (!wrong.isEmpty()) {
            throw new DrException(ExitCode.DRILL, "neutralize: database " + database + " is not neutralized: "
                    + wrong.substring(0, wrong.length() - 2), "the copy was removed before anyone could use it");
        }
    }

    private static boolean positive(String count) {
        return !count.equals("-1") && !count.equals("0");
    }

    static String tail(String output) {
        String s = output.strip();
        return s.length() <= 2000 ? s : "…" + s.substring(s.length() - 2000);
    }
}
