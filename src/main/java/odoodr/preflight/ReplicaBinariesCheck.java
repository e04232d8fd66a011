package odoodr.preflight;

import odoodr.DrException;
import odoodr.config.ConfigKeys;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.runbook.Check;
import odoodr.postgres.DebianCluster;
import odoodr.runbook.SetupContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * This replica has PostgreSQL postgres.major (server and pg_basebackup) and postgresql-common's cluster tools
 * (runbook A1); if not, the exact commands that install them.
 */
final class ReplicaBinariesCheck extends PreflightCheck {
    static final String ID = "replica-binaries";
    private static final Path PG_CREATECLUSTER = Path.of("/usr/bin/pg_createcluster");
    private static final Duration QUICK = Duration.ofSeconds(20);

    ReplicaBinariesCheck(Findings findings) {
        super(findings, ID, "PostgreSQL binaries on this replica");
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        DebianCluster cluster = ctx.cluster();
        int major = cluster.major();
        if (!cluster.binariesInstalled()) {
            return Check.blocked("PostgreSQL " + major + " (" + ConfigKeys.POSTGRES_MAJOR + ") is not installed here: no "
                            + cluster.binDirectory() + "/postgres and pg_basebackup",
                    PostgresPackages.installHint(major, aptKnows(ctx, major)));
        }
        if (!Files.isExecutable(PG_CREATECLUSTER)) {
            return Check.blocked("postgresql-common is not installed here (no " + PG_CREATECLUSTER + ")",
                    "run: apt-get install -y postgresql-common");
        }
        ProcessResult version = ctx.runner().run(Command.of(cluster.binDirectory().resolve("postgres").toString(),
                "--version").timeout(QUICK).build());
        return Check.satisfied(version.stdoutTrimmed() + " in " + cluster.binDirectory() + ", pg_basebackup and "
                + "pg_createcluster present");
    }

    /** Whether apt has a candidate for postgresql-&lt;major&gt; (read-only: apt-cache never changes anything). */
    private static Optional<Boolean> aptKnows(SetupContext ctx, int major) {
        try {
            ProcessResult r = ctx.runner().runAllowingFailure(Command.of("apt-cache", "policy", "postgresql-" + major).env("LC_ALL", "C")
                    .timeout(QUICK).build());
            return r.exitCode() == 0 ? Optional.of(PostgresPackages.hasCandidate(r.stdout())) : Optional.empty();
        } catch (DrException e) {
            return Optional.empty(); // no apt here
        }
    }
}
