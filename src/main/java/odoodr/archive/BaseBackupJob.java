package odoodr.archive;

import odoodr.DrException;
import odoodr.config.Config;
import odoodr.host.FileLock;
import odoodr.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The agent's archive job: every {@link BackupSchedule#pollPeriod()} it looks whether a base backup is due; if so
 * (and the standby is in recovery) it takes one, then applies retention. A failure is logged and retried after a
 * period, never fatal; the health rows show it.
 */
public final class BaseBackupJob {
    private static final Logger LOG = LoggerFactory.getLogger("archive");

    private final Config config;
    private final StandbyBaseBackup backup;
    private final ArchiveRetention retention;
    private final BackupSchedule schedule;
    private final Clock clock;

    public BaseBackupJob(Config config, ProcessRunner runner, Clock clock) {
        this.config = config;
        this.backup = new StandbyBaseBackup(config, runner, clock);
        this.retention = new ArchiveRetention(config, runner);
        this.schedule = new BackupSchedule(config.archive().baseBackupInterval());
        this.clock = clock;
    }

    public void runUntilStopped(BooleanSupplier running, BooleanSupplier standbyInRecovery) {
        while (running.getAsBoolean()) {
            if (standbyInRecovery.getAsBoolean()) {
                once();
            }
            try {
                Thread.sleep(schedule.pollPeriod().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One round: a backup if due, then retention. Public for tests that drive the job without an agent. */
    public void once() {
        try {
            if (!java.nio.file.Files.isDirectory(ArchiveLayout.of(config).baseDirectory())) {
                // setup makes it (the agent starts before the standby exists): nothing is created here
                LOG.debug("archive: {} does not exist yet; no base backup", ArchiveLayout.of(config).baseDirectory());
                return;
            }
            if (!schedule.due(ArchiveInventory.read(ArchiveLayout.of(config)).good(), clock.instant())) {
                return;
            }
            Optional<FileLock> lock = ArchiveLock.tryAcquire(config, "base backup");
            if (lock.isEmpty()) {
                LOG.info("archive: another process holds {}; no base backup this round", ArchiveLock.file(config));
                return;
            }
            try (FileLock held = lock.get()) {
                // read again under the lock: the other holder may just have taken one
                if (schedule.due(ArchiveInventory.read(ArchiveLayout.of(config)).good(), clock.instant())) {
                    backup.take();
                }
                retention.apply(clock.instant());
            }
        } catch (DrException e) {
            LOG.warn("archive: {}{}", e.getMessage(), e.hint() == null ? "" : " (" + e.hint() + ")");
        } catch (IOException | RuntimeException e) {
            LOG.warn("archive: base backup round failed: {}", e.toString());
        }
    }

    public Duration pollPeriod() {
        return schedule.pollPeriod();
    }
}
