package odoodr.drill;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.archive.ArchiveLayout;
import odoodr.config.Config;
import odoodr.filestore.sync.FilestoreVerifier;
import odoodr.filestore.sync.VerifyReport;
import odoodr.health.DrillRecord;
import odoodr.health.DrillStateFile;
import odoodr.postgres.DebianCluster;
import odoodr.process.ProcessRunner;
import odoodr.restore.ArchiveBackups;
import odoodr.restore.PointInTimeRestore;
import odoodr.restore.RestoreName;
import odoodr.restore.RestoredCopies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code odoo-dr drill}: proves that a failover would work, without one. A copy of the standby is restored from the
 * archive (the proven restore path: it needs nothing from prod and never touches the standby, which keeps streaming),
 * neutralized before anyone else is told where it is, checked as Odoo will use it (every attachment's file in the
 * mirror, database.uuid and database.secret as the standby's, drill.check_command), timed phase by phase, remembered,
 * and removed, also after a failure or Ctrl-C, unless --keep.
 */
public final class Drill {
    private static final Logger LOG = LoggerFactory.getLogger("drill");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss").withZone(ZoneOffset.UTC);
    private static final int NAMES_LISTED = 10;

    /** What to drill: a point in time (empty: the standby's replay position), keep the copy, sha1 every file. */
    public record Options(Optional<Instant> at, boolean keep, boolean deep) {
    }

    private final Config config;
    private final ProcessRunner runner;
    private final Consumer<String> progress;
    private final Clock clock;
    private boolean settled;
    /** Set once every database is neutralized: only then may --keep leave the copy running. */
    private volatile boolean neutralizedAll;

    public Drill(Config config, ProcessRunner runner, Consumer<String> progress, Clock clock) {
        this.config = config;
        this.runner = runner;
        this.progress = progress;
        this.clock = clock;
    }

    /** Refuses, with exit code DRILL, when there is nothing to restore a copy from. */
    public static void requireArchive(Config config) {
        if (!config.archive().enabled()) {
            throw new DrException(ExitCode.DRILL, "drill refused: the archive is not enabled (archive.enabled): a drill"
                    + " restores its copy from the archive's newest base backup and the standby's WAL, as a"
                    + " point-in-time restore does, so it needs nothing from prod", "enable archive: in the config,"
                    + " run odoo-dr setup, and wait for the agent's first base backup (odoo-dr restore --list)");
        }
        if (ArchiveBackups.read(ArchiveLayout.of(config)).isEmpty()) {
            throw new DrException(ExitCode.DRILL, "drill refused: the archive " + ArchiveLayout.of(config).root()
                    + " has no good base backup yet", "the agent takes the first one (archive.base_backup_interval);"
                    + " odoo-dr restore --list shows them");
        }
    }

    public DrillReport run(Options options) {
        requireArchive(config);
        Instant started = clock.instant();
        RestoreName name = new RestoreName("drill_" + STAMP.format(started));
        PhaseClock phases = new PhaseClock(DrillRenderer.phaseNames());
        Thread hook = new Thread(() -> settle(name, options.keep(), phases, Optional.of("interrupted: odoo-dr was"
                + " stopped (SIGINT/SIGTERM) during the drill")), "drill-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        int port = 0;
        Optional<String> target = Optional.empty();
        Optional<String> backup = Optional.empty();
        List<Neutralizer.Result> neutralized = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        Optional<CheckCommand.Outcome> checkOutput = Optional.empty();
        Optional<String> failure = Optional.empty();
        String failedPhase = null;
        try {
            PointInTimeRestore.Outcome restored = new PointInTimeRestore(config, runner, progress)
                    .restore(options.at().orElse(started), Optional.of(name), Optional.empty(), phases::end);
            phases.end();
            port = restored.copy().port();
            target = Optional.of(restored.target().describe());
            backup = Optional.of(restored.backup().label() + " (finished " + restored.backup().finished() + ")");
            LocalPsql copy = CopyAccess.open(runner, new DebianCluster(runner, config.postgres().major(),
                    name.cluster()), port, config.prod().superuser(), config.databases().get(0));
            // as recovered: the standby's own values at the target (the copy replayed its WAL, nothing else yet)
            List<IdentityCheck.Identity> recovered = config.databases().stream()
                    .map(db -> IdentityCheck.read(copy, db)).toList();
            Neutralizer neutralizer = new Neutralizer(runner, copy, config.drill().odooBin());
            for (String db : config.databases()) {
                progress.accept("drill: neutralizing " + db + " in copy " + name);
                neutralized.add(neutralizer.neutralize(db));
            }
            neutralizedAll = true;
            phases.end();
            checks.addAll(verify(port, options.deep()));
            phases.end();
            if (config.drill().checkCommand().isPresent()) {
                progress.accept("drill: running drill.check_command against 127.0.0.1:" + port);
                CheckCommand.Outcome o = CheckCommand.run(runner, config.drill().checkCommand().get(), port,
                        config.databases());
                checkOutput = Optional.of(o);
                if (!o.passed()) {
                    throw new DrException(ExitCode.DRILL, "drill.check_command failed (exit " + o.exitCode() + "): "
                            + o.output().lines().reduce((a, b) -> b).orElse("no output"), "its whole output is below");
                }
            } else {
                checks.add("no drill.check_command: Odoo itself was not started against the copy");
            }
            recovered.forEach(before -> checks.add(IdentityCheck.compare(before, IdentityCheck.read(copy,
                    before.database()))));
            phases.end();
        } catch (DrException e) {
            failure = Optional.of(e.getMessage());
            failedPhase = phases.current();
            LOG.debug("drill: failed in {}", failedPhase, e);
        }
        phases.total();
        settle(name, options.keep(), phases, failure);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs already, or ran: settle() is done once
        }
        return new DrillReport(name.name(), port, started, clock.instant(), target, backup, failure,
                Optional.ofNullable(failedPhase), phases.seconds(), neutralized, checks, checkOutput,
                options.keep() && neutralizedAll);
    }

    /** The attachments the copy's rows need, against the mirror (verify --port on the copy). */
    private List<String> verify(int port, boolean deep) {
        if (config.prod().filestorePath().isEmpty() || config.databases().isEmpty()) {
            return List.of("no filestore mirror (prod.filestore_path is not set): attachments not checked");
        }
        progress.accept("drill: verify" + (deep ? " --deep" : "") + " of the copy's attachments against the mirror");
        VerifyReport report = FilestoreVerifier.verify(config, port, deep);
        if (!report.ok()) {
            List<VerifyReport.Problem> problems = report.databases().stream()
                    .flatMap(d -> Stream.concat(d.problems().stream(), d.assetBundles().stream())).toList();
            long total = report.total(d -> d.documentProblems() + d.assetBundleProblems());
            String names = String.join(", ", problems.stream().limit(NAMES_LISTED).map(p -> p.kind().name()
                    .toLowerCase(java.util.Locale.ROOT) + " " + p.storeFname() + " (attachment " + p.attachmentId()
                    + ")").toList());
            throw new DrException(ExitCode.DRILL, "verify: " + total + " attachment file(s) of the copy are not in the"
                    + " mirror as their rows say: " + names + (total > NAMES_LISTED ? ", …" : ""),
                    "odoo-dr sync fetches them from prod; odoo-dr verify lists them all");
        }
        long attachments = report.total(VerifyReport.DatabaseResult::attachments);
        return List.of("verify" + (deep ? " --deep" : "") + ": all " + attachments + " attachments of the copy have"
                + " their file in the mirror" + (deep ? " with the right size and sha1" : " with the right size"));
    }

    /**
     * Once: removes the copy (unless kept, and then only a neutralized one) and remembers the drill; from the end of
     * run() or from the shutdown hook.
     */
    private synchronized void settle(RestoreName name, boolean keep, PhaseClock phases, Optional<String> failure) {
        if (settled) {
            return;
        }
        settled = true;
        if (!(keep && neutralizedAll)) {
            try {
                RestoredCopies copies = new RestoredCopies(runner);
                if (copies.find(name).isPresent()) {
                    copies.drop(name);
                    LOG.info("drill: removed the copy {}", name);
                }
            } catch (DrException e) {
                LOG.error("drill: could not remove the copy {}: {} (odoo-dr restore --drop {})", name, e.getMessage(), name);
            }
        }
        try {
            java.nio.file.Path file = DrillStateFile.path(config);
            DrillStateFile.write(file, DrillRecord.after(DrillStateFile.read(file), clock.instant(), failure,
                    name.name(), phases.seconds()));
        } catch (IOException e) {
            LOG.warn("drill: cannot remember the drill in {}: {}", DrillStateFile.path(config), e.getMessage());
        }
    }
}
