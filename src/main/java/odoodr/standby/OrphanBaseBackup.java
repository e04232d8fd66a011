package odoodr.standby;

import odoodr.postgres.PrimarySession;
import odoodr.process.LocalProcesses;
import odoodr.runbook.SetupContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A pg_basebackup that an earlier setup started into the partial directory and that outlived it: the setup was killed
 * (SIGKILL, its terminal closed, an OOM kill) and its child went on copying, holding this replica's slot on prod. A
 * second copy would fail with "replication slot … is active for PID …" and two would race for one directory, so the
 * next setup finds it by its {@code -D} argument, stops it and waits until prod has released the slot before it
 * starts again (runbook gotcha 9). Its copy is not adopted: the setup that would have finished it is gone.
 */
final class OrphanBaseBackup {
    private static final Logger LOG = LoggerFactory.getLogger("basebackup");
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration SLOT_RELEASE = Duration.ofSeconds(30);

    private OrphanBaseBackup() {
    }

    /** The pg_basebackup processes still copying into {@code partial}. */
    static List<ProcessHandle> into(Path partial) {
        return LocalProcesses.runningWithArgument("pg_basebackup", partial.toString());
    }

    /** What the check says about them, or empty when there is none. */
    static Optional<String> describe(Path partial) {
        List<ProcessHandle> orphans = into(partial);
        return orphans.isEmpty() ? Optional.empty() : Optional.of("stop the pg_basebackup an earlier setup left copying"
                + " into " + partial + " (pid " + String.join(", ", orphans.stream().map(p -> Long.toString(p.pid())).toList())
                + "), wait for prod to release the slot");
    }

    /** Stops every one and waits (bounded) until prod shows the slot inactive. */
    static void stopAll(SetupContext ctx, Path partial) {
        List<ProcessHandle> orphans = into(partial);
        if (orphans.isEmpty()) {
            return;
        }
        for (ProcessHandle p : orphans) {
            LOG.warn("basebackup: pg_basebackup pid {} of an earlier setup is still copying into {}: stopping it", p.pid(),
                    partial);
            LocalProcesses.stop(p, GRACE);
        }
        String slot = ctx.config().slotName();
        long deadline = System.nanoTime() + SLOT_RELEASE.toNanos();
        try (PrimarySession s = ctx.superuserSession("postgres")) {
            while (s.queryValue("SELECT active::text FROM pg_catalog.pg_replication_slots WHERE slot_name = ?", slot)
                    .orElse("false").equals("true")) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("basebackup: slot {} still active on prod after {} s; trying anyway", slot,
                            SLOT_RELEASE.toSeconds());
                    return;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
