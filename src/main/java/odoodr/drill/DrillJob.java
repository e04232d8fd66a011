package odoodr.drill;

import odoodr.DrException;
import odoodr.archive.BackupSchedule;
import odoodr.config.Config;
import odoodr.health.DrillRecord;
import odoodr.health.DrillStateFile;
import odoodr.host.StateLock;
import odoodr.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * drill.schedule in the agent: a drill when the last one (passed or failed) ended at least one interval ago, looked
 * at as often as the archive's base backups are (a quarter of the interval, 2 s to 1 min). Skipped while there is no
 * base backup yet, while the standby is not in recovery, and while another odoo-dr command holds the host's state
 * lock; never fatal.
 */
public final class DrillJob {
    private static final Logger LOG = LoggerFactory.getLogger("drill");

    private final Config config;
    private final ProcessRunner runner;
    private final Duration interval;
    private final Clock clock;

    public DrillJob(Config config, ProcessRunner runner, Duration interval, Clock clock) {
        this.config = config;
        this.runner = runner;
        this.interval = interval;
        this.clock = clock;
    }

    /** Due when no drill ran yet, or the last ended at least one interval before {@code now}. Pure. */
    static boolean due(Optional<DrillRecord> last, Duration interval, Instant now) {
        return last.map(r -> !now.isBefore(r.lastAttempt().plus(interval))).orElse(true);
    }

    public void runUntilStopped(BooleanSupplier running, BooleanSupplier standbyInRecovery) {
        Duration poll = new BackupSchedule(interval).pollPeriod();
        while (running.getAsBoolean()) {
            if (standbyInRecovery.getAsBoolean()) {
                once();
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void once() {
        try {
            if (!due(DrillStateFile.read(DrillStateFile.path(config)), interval, clock.instant())) {
                return;
            }
            Drill.requireArchive(config);
        } catch (IOException | DrException e) {
            LOG.debug("drill: not now: {}", e.getMessage());
            return;
        }
        try (StateLock lock = StateLock.acquire("drill")) {
            LOG.info("drill: the scheduled drill starts (drill.schedule {})", interval);
            DrillReport r = new Drill(config, runner, line -> LOG.info("{}", line), clock)
                    .run(new Drill.Options(Optional.empty(), false, false));
            if (r.passed()) {
                LOG.info("drill: PASSED in {} s (copy {} removed)", r.phases().get(DrillRecord.TOTAL), r.copy());
            } else {
                LOG.warn("drill: FAILED in {}: {}", r.failedPhase().orElse("?"), r.failure().orElse("?"));
            }
        } catch (DrException e) {
            LOG.info("drill: not now: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("drill: the scheduled drill failed: {}", e.toString());
        }
    }
}
