package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.archive.ArchiveLayout;
import odoodr.archive.BackupRecord;
import odoodr.config.Config;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.Lsn;
import odoodr.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code odoo-dr restore --at}: a writable copy of prod's databases as they were at a point in time, made on this
 * replica from the archive and the standby's own pg_wal. Neither the standby, the archive nor prod is touched: the
 * copy reads WAL, it streams nothing and archives nothing. A restore that fails leaves no cluster behind.
 */
public final class PointInTimeRestore {
    private static final Logger LOG = LoggerFactory.getLogger("restore");
    private static final Duration RECOVERY_TIMEOUT = Duration.ofHours(24);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Room beyond the backup's size: the WAL recovery writes and the first checkpoints. */
    private static final long DISK_MARGIN = 256L * 1024 * 1024;

    /** What was restored: the copy, where recovery stopped, and the backup it came from. */
    public record Outcome(RestoredCopy copy, RecoveryTarget target, BackupRecord backup, Optional<Instant> lastCommit) {
    }

    private final Config config;
    private final ProcessRunner runner;
    private final Consumer<String> progress;

    public PointInTimeRestore(Config config, ProcessRunner runner, Consumer<String> progress) {
        this.config = config;
        this.runner = runner;
        this.progress = progress;
    }

    /** The archive's layout, refusing when the archive is off or has nothing in it yet. */
    public static ArchiveLayout archive(Config config) {
        ArchiveLayout layout = ArchiveLayout.of(config);
        if (!config.archive().enabled()) {
            throw new DrException(ExitCode.RESTORE, "restore refused: the archive is not enabled (archive.enabled is"
                    + " false or the archive: section is missing)", "enable archive: in the config, run odoo-dr setup,"
                    + " and wait for the agent's first base backup (archive.base_backup_interval)");
        }
        if (!Files.isDirectory(layout.walDirectory(), LinkOption.NOFOLLOW_LINKS)) {
            throw new DrException(ExitCode.RESTORE, "restore refused: the archive " + layout.root() + " has no wal/"
                    + " directory yet", "run odoo-dr setup (it makes the standby archive), then wait for the first"
                    + " base backup");
        }
        return layout;
    }

    public static RecoveryWindow window(Config config, ArchiveLayout layout) {
        return new RecoveryWindow(ArchiveBackups.read(layout), StandbyPosition.of(config).lastCommit());
    }

    public Outcome restore(Instant at, Optional<RestoreName> wantedName, Optional<Integer> wantedPort) {
        return restore(at, wantedName, wantedPort, () -> {
        });
    }

    /** As above; {@code copied} runs once the base backup is copied, before recovery starts (the drill times both). */
    public Outcome restore(Instant at, Optional<RestoreName> wantedName, Optional<Integer> wantedPort, Runnable copied) {
        ArchiveLayout layout = archive(config);
        StandbyPosition standby = StandbyPosition.of(config);
        RecoveryWindow window = new RecoveryWindow(ArchiveBackups.read(layout), standby.lastCommit());
        BackupRecord backup = window.backupFor(at, standby.now());
        RecoveryTarget planned = RecoveryTarget.plan(at, standby.lastCommit(), standby.replayLsn().orElse(backup.endLsn()));
        RestoreName name = wantedName.orElseGet(() -> RestoreName.forTime(at));
        RestoredCopies copies = new RestoredCopies(runner);
        if (copies.cluster(name).isPresent()) {
            throw new DrException(ExitCode.RESTORE, "restore refused: a copy named " + name + " exists already ("
                    + config.postgres().major() + "/" + name.cluster() + ")",
                    "give another --name, or remove it first: odoo-dr restore --drop " + name);
        }
        int port = copies.choosePort(wantedPort);
        RestoredCluster copy = new RestoredCluster(runner, config.postgres().major(), name);
        requireDisk(backup, copy.cluster());

        progress.accept("restore: from base backup " + backup.label() + " (finished " + backup.finished() + ", "
                + backup.bytes() / (1024 * 1024) + " MiB) into " + copy.cluster().label() + " on port " + port);
        boolean done = false;
        try {
            copy.createFrom(layout.backupData(backup.label()), port);
            copied.run();
            ControlData control = copy.controlData();
            DebianCluster standbyCluster = new DebianCluster(runner, config.postgres().major(), config.postgres().cluster());
            Path standbyWal = standbyCluster.dataDirectory().resolve("pg_wal");
            RecoveryTarget target = planned.stoppingAfter(planned.lsn().flatMap(end -> LastReplayedRecord.before(runner,
                    standbyCluster.binDirectory(), standbyWal, backup.timeline(), end, control.segmentBytes())));
            RecoverySettings settings = new RecoverySettings(port, layout.walDirectory(), standbyWal, target,
                    control.primaryLimits());
            copy.writeRecoveryFiles(settings, new RestoredCopy.Record(target.describe(), backup.label(), "recovering",
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
            progress.accept("restore: replaying WAL to " + target.describe());
            long logOffset = copy.logOffset();
            Optional<StandbyPosition> reached = awaitPromotion(copy, port);
            if (reached.isEmpty()) {
                throw incomplete(copy.logSince(logOffset), backup, target, layout, standbyWal,
                        copy.cluster().dataDirectory().resolve("pg_wal"), control, standby);
            }
            copy.cluster().setStartMode("manual");
            copy.writeRecord(new RestoredCopy.Record(target.describe(), backup.label(),
                    reached.get().lastCommit().map(Instant::toString).orElse("no transaction after the backup"),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
            done = true;
            RestoredCopy made = copies.find(name).orElseThrow();
            return new Outcome(made, target, backup, reached.get().lastCommit());
        } catch (IOException e) {
            throw new DrException(ExitCode.RESTORE, "restore: " + e.getMessage(), null, e);
        } finally {
            if (!done) {
                LOG.info("restore: removing the unfinished copy {}", copy.cluster().label());
                copy.drop();
            }
        }
    }

    /** Starts the copy and waits until it has promoted; empty when its server stopped before (the log says why). */
    private Optional<StandbyPosition> awaitPromotion(RestoredCluster copy, int port) {
        if (!copy.start()) {
            return Optional.empty();
        }
        Instant deadline = Instant.now().plus(RECOVERY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                StandbyPosition p = StandbyPosition.read(config, port);
                if (!p.inRecovery()) {
                    return Optional.of(p);
                }
            } catch (DrException e) {
                if (!copy.online()) {
                    return Optional.empty();
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DrException(ExitCode.RESTORE, "restore interrupted", null, e);
            }
        }
        throw new DrException(ExitCode.RESTORE, "restore: the copy did not finish recovery within "
                + RECOVERY_TIMEOUT.toHours() + " h", "see " + copy.cluster().logFile());
    }

    /** Recovery ended short of its target: how far it got, and the segment it lacked. */
    private DrException incomplete(RecoveryLog log, BackupRecord backup, RecoveryTarget target, ArchiveLayout layout,
                                   Path standbyWal, Path copyWal, ControlData control, StandbyPosition standby)
            throws IOException {
        if (!log.targetNotReached()) {
            throw new DrException(ExitCode.RESTORE, "restore: the copy's server stopped during recovery: "
                    + log.lastFatal().orElse("(no FATAL line in its log)"), "the copy was removed; see the log above");
        }
        Set<String> available = new HashSet<>(segmentNames(layout.walDirectory()));
        available.addAll(segmentNames(standbyWal));
        available.addAll(segmentNames(copyWal)); // the WAL the backup itself holds
        Lsn upTo = standby.replayLsn().orElse(backup.endLsn());
        String segment = WalSegments.firstMissing(backup.timeline(), backup.startLsn(), upTo, control.segmentBytes(),
                        available).map(s -> "WAL segment " + s + " is missing from " + layout.walDirectory()
                        + " and from the standby's pg_wal")
                .orElseGet(() -> "the WAL after " + log.redoDoneAt().map(Lsn::toString).orElse("?") + " (segment "
                        + log.redoDoneAt().map(l -> WalSegments.nameOf(backup.timeline(), l, control.segmentBytes()))
                        .orElse("?") + ") is unreadable: damaged");
        Optional<Instant> last = log.lastTransaction();
        String reached = last.map(t -> "the last commit at " + t)
                .orElse("the backup's end (" + backup.finished() + "), with no commit replayed after it");
        return new DrException(ExitCode.RESTORE_INCOMPLETE, "restore INCOMPLETE: it could not reach "
                + target.describe() + ": " + segment + "; recovery got as far as " + reached + " (redo ended at "
                + log.redoDoneAt().map(Lsn::toString).orElse("?") + "); the copy was removed",
                "to get a copy of that earlier point: odoo-dr restore --at '" + last.orElse(backup.finished())
                        + "'; to go further, put the segment back into " + layout.walDirectory());
    }

    private static Set<String> segmentNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new HashSet<>(files.map(p -> p.getFileName().toString()).filter(WalSegments::isSegmentName).toList());
        }
    }

    private void requireDisk(BackupRecord backup, DebianCluster cluster) {
        Path parent = cluster.dataDirectory().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        try {
            long free = Files.getFileStore(parent).getUsableSpace();
            if (free < backup.bytes() + DISK_MARGIN) {
                throw new DrException(ExitCode.RESTORE, "restore refused: the copy needs about "
                        + (backup.bytes() + DISK_MARGIN) / (1024 * 1024) + " MiB under " + parent + ", which has "
                        + free / (1024 * 1024) + " MiB free", "free space there, or drop an older copy (restore --list)");
            }
        } catch (IOException e) {
            throw new DrException(ExitCode.RESTORE, "cannot read the free space under " + parent + ": " + e.getMessage(), null, e);
        }
    }
}
