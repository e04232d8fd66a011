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
import java.util.ArrayList;
import java.util.List;

/**
 * SQL on the drill's copy as the OS user postgres over the Unix socket, logged in as {@code role} by the copy's own
 * peer map ({@link CopyAccess}; no password anywhere: odoo-dr does not hold those of prod's roles). psql with
 * {@code -X} (no ~/.psqlrc), stopping at the first error.
 */
final class LocalPsql {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final ProcessRunner runner;
    private final Path psql;
    private final int port;
    private final String role;

    LocalPsql(ProcessRunner runner, int major, int port, String role) {
        this.runner = runner;
        this.psql = new DebianCluster(runner, major, "main").binDirectory().resolve("psql");
        this.port = port;
        this.role = role;
    }

    String role() {
        return role;
    }

    int port() {
        return port;
    }

    /** The one value {@code sql} returns (unaligned, tuples only), stripped. */
    String value(String database, String sql) {
        return run(database, List.of("-c", sql), null).stdoutTrimmed();
    }

    /** Runs {@code script} in {@code database} (it brings its own BEGIN/COMMIT). */
    void execute(String database, String script) {
        run(database, List.of("-f", "-"), script);
    }

    private ProcessResult run(String database, List<String> what, String stdin) {
        List<String> argv = new ArrayList<>(List.of(psql.toString(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-h", DebianCluster.SOCKET_DIRECTORY.toString(), "-p", Integer.toString(port), "-U", role,
                "-d", database));
        argv.addAll(what);
        Command.Builder b = Command.of(ServiceUser.POSTGRES.as(argv)).timeout(TIMEOUT)
                .subject("psql on port " + port + ", database " + database)
                .onFailure(ExitCode.DRILL, "see the PostgreSQL log of the cluster on port " + port);
        if (stdin != null) {
            b.stdin(stdin);
        }
        ProcessResult r = runner.runAllowingFailure(b.build());
        if (r.exitCode() != 0) {
            throw new DrException(ExitCode.DRILL, "psql on port " + port + ", database " + database + ": "
                    + r.stderr().strip().lines().reduce((x, y) -> y).orElse("exit code " + r.exitCode()),
                    "see the PostgreSQL log of the cluster on port " + port);
        }
        return r;
    }
}
