package odoodr.archive;

import odoodr.config.Config;
import odoodr.host.AtomicFile;
import odoodr.host.DirectoryTree;
import odoodr.host.ServiceUser;
import odoodr.postgres.DebianCluster;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import odoodr.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * archive.retention applied: the backups {@link RetentionPlan} removes go (their directory renamed to
 * {@code .partial} first, so a half-removed backup never looks good), then {@code pg_archivecleanup} removes the
 * WAL segments before the oldest kept backup's start segment. Timeline history files are not segments: they stay.
 */
public final class ArchiveRetention {
    private static final Logger LOG = LoggerFactory.getLogger("archive");

    private final Config config;
    private final ArchiveLayout layout;
    private final ProcessRunner runner;

    public ArchiveRetention(Config config, ProcessRunner runner) {
        this.config = config;
        this.layout = ArchiveLayout.of(config);
        this.runner = runner;
    }

    /** Applies retention at {@code now}; the caller holds {@link ArchiveLock}. */
    public RetentionPlan apply(Instant now) throws IOException {
        RetentionPlan plan = RetentionPlan.of(ArchiveInventory.read(layout).good(), now, config.archive().retention());
        for (BackupRecord old : plan.remove()) {
            LOG.info("archive: retention removes base backup {} (finished {}, older than {})", old.label(),
                    old.finished(), config.archive().retention());
            java.nio.file.Files.move(layout.backupDirectory(old.label()), layout.partialDirectory(old.label()));
            DirectoryTree.delete(layout.partialDirectory(old.label()));
        }
        if (plan.oldestKept().isPresent()) {
            String segment = startSegmentOf(plan.oldestKept().get());
            DebianCluster cluster = new DebianCluster(runner, config.postgres().major(), config.postgres().cluster());
            runner.run(Command.of(ServiceUser.POSTGRES.as(java.util.List.of(
                            cluster.binDirectory().resolve("pg_archivecleanup").toString(),
                            layout.walDirectory().toString(), segment)))
                    .timeout(Duration.ofMinutes(30)).subject("pg_archivecleanup")
                    .onFailure(ExitCode.PROCESS, "retention is retried after the next base backup").build());
            LOG.info("archive: WAL before {} (the start of the oldest kept backup {}) removed", segment,
                    plan.oldestKept().get().label());
        }
        return plan;
    }

    private String startSegmentOf(BackupRecord kept) throws IOException {
        byte[] label = AtomicFile.readIfExists(layout.backupData(kept.label()).resolve("backup_label"))
                .orElseThrow(() -> new IOException("backup " + kept.label() + " has no backup_label"));
        return BackupLabelFile.parse(new String(label, StandardCharsets.UTF_8)).startSegment();
    }
}
