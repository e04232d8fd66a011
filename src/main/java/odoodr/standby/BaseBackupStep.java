package odoodr.standby;

import odoodr.runbook.ReseedableStep;
import odoodr.runbook.SetupContext;
import odoodr.host.ServiceUser;
import odoodr.postgres.DataDirectory;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.postgres.BaseBackupOutputReader;
import odoodr.host.DirectoryTree;
import odoodr.postgres.BaseBackupProgress;
import odoodr.runbook.Progress;
import odoodr.runbook.ProgressListener;
import odoodr.units.ProgressRate;
import odoodr.process.Command;
import odoodr.runbook.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runbook A4: the base backup, {@code pg_basebackup -Fp -Xs -S <slot>} through the tunnel as the replication role.
 * It is written beside the data directory and moved into place only when complete, with its standby settings
 * already in it: a killed backup leaves only {@code <dir>.odoo-dr-partial}, which the next run removes and redoes,
 * and is never started as a standby. An existing data directory is replaced only when it is empty, the untouched
 * cluster pg_createcluster made, a standby of this same prod (with --reseed), or with --force.
 */
public final class BaseBackupStep extends ReseedableStep {
    private static final Logger LOG = LoggerFactory.getLogger("basebackup");
    private static final Duration BACKUP_TIMEOUT = Duration.ofHours(48);

    @Override
    public String id() {
        return "base-backup";
    }

    @Override
    public String title() {
        return "base backup of prod in the standby's data directory";
    }


    @Override
    protected Check check(SetupContext ctx, boolean reseed) {
        DataDirectory data = new DataDirectory(ctx.runner(), ctx.cluster());
        String what = "pg_basebackup through the tunnel into " + data.partial() + ", then move it to " + data.path();
        if (Files.exists(data.partial())) {
            return Check.needed(OrphanBaseBackup.describe(data.partial()).map(o -> o + "; ").orElse("")
                    + "remove the interrupted backup " + data.partial() + " and redo: " + what);
        }
        Optional<String> here = data.systemIdentifier();
        if (here.isEmpty() || data.isEmpty()) {
            return Check.needed(what);
        }
        String prod = ctx.prodSystemIdentifier();
        if (here.get().equals(prod) && data.isStandby()) {
            return reseed
                    ? Check.needed("--reseed: replace the standby in " + data.path() + " with a fresh " + what)
                    : Check.satisfied(data.path() + " is a standby of prod (system " + prod + ")");
        }
        if (data.isFreshCluster()) {
            return Check.needed("replace the empty cluster pg_createcluster made with " + what);
        }
        String holds = "cluster " + here.get() + (here.get().equals(prod) ? " (promoted from prod: diverged)" : " (not prod's " + prod + ")");
        if (ctx.options().force()) {
            return Check.needed("--force: DESTROY " + data.path() + ", which holds " + holds + ", and replace it with " + what);
        }
        return Check.blocked(data.path() + " holds " + holds + "; setup does not destroy it on its own",
                "if it may go, run setup again with --force; otherwise set postgres.cluster to another cluster name");
    }

    @Override
    public void apply(SetupContext ctx) {
        Config config = ctx.config();
        DataDirectory data = new DataDirectory(ctx.runner(), ctx.cluster());
        ctx.cluster().stop();
        Path partial = data.partial();
        OrphanBaseBackup.stopAll(ctx, partial);
        deleteTree(partial);
        try {
            // beside the data directory, in postgres's own directory: made without following a link
            DirectoryTree.ensure(partial, "rwx------", Optional.of(ServiceUser.POSTGRES.name()));
        } catch (IOException e) {
            throw new DrException(ExitCode.BASE_BACKUP, "cannot make " + partial + ": " + e.getMessage(), null, e);
        }

        List<String> argv = ServiceUser.POSTGRES.as(command(ctx.cluster().binDirectory(), PgEndpoint.permanentTunnel(config),
                config.postgres().replicationUser(), partial, config.slotName()));
        LOG.info("basebackup: starting into {}", partial);
        Output progress = new Output(ctx.progress());
        try {
            ctx.runner().runStreamingStderr(Command.of(argv).timeout(BACKUP_TIMEOUT).subject("pg_basebackup")
                    .onFailure(ExitCode.BASE_BACKUP, "the partial copy stays in " + partial
                            + " and is redone by the next setup; check free disk here and the tunnel")
                    .build(), in -> {
                        try {
                            BaseBackupOutputReader.read(in, progress);
                        } catch (IOException e) {
                            LOG.debug("basebackup: progress stream: {}", e.getMessage());
                        }
                    });
        } catch (DrException e) {
            // stderr went to the output reader: put pg_basebackup's own last words into the message
            throw new DrException(e.exitCode(), e.getMessage() + (progress.errors().isEmpty() ? "" : ": "
                    + String.join(" | ", progress.errors())), e.hint(), e);
        } finally {
            ctx.progress().onEnd(Output.TASK);
        }
        try {
            StandbyFiles.write(partial, config);
            Path old = Path.of(data.path() + ".odoo-dr-old");
            deleteTree(old);
            if (Files.exists(data.path())) {
                Files.move(data.path(), old);
            }
            Files.move(partial, data.path());
            deleteTree(old);
        } catch (IOException e) {
            throw new DrException(ExitCode.BASE_BACKUP, "cannot move the base backup into place: " + e.getMessage(),
                    "run setup again: it redoes the backup", e);
        }
        LOG.info("basebackup: complete in {}", data.path());
    }

    /**
     * pg_basebackup's argv (to run as postgres, the password from its pgpass): through the tunnel's socket, WAL
     * streamed through the slot. Never {@code -R}: it copies the password libpq found into postgresql.auto.conf
     * (gotcha 10); {@link StandbyFiles} writes the standby settings instead. Public for the live test.
     */
    public static List<String> command(Path binDirectory, PgEndpoint tunnel, String replicationUser, Path target, String slot) {
        return List.of(binDirectory.resolve("pg_basebackup").toString(),
                "-h", tunnel.host(), "-p", Integer.toString(tunnel.port()),
                "-U", replicationUser, "--no-password",
                "-D", target.toString(), "-Fp", "-Xs", "-P", "-v",
                "-S", slot, "--checkpoint=fast");
    }

    static void deleteTree(Path dir) {
        try {
            DirectoryTree.delete(dir);
        } catch (IOException e) {
            throw new DrException(ExitCode.BASE_BACKUP, "cannot remove " + dir + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * pg_basebackup's stderr: progress records go to the run's {@link ProgressListener} with the rate and time left
     * measured here; the last messages are kept for the error.
     */
    static final class Output implements BaseBackupOutputReader.Listener {
        static final String TASK = "basebackup";
        private final ProgressRate rate = new ProgressRate();
        private final ProgressListener listener;

        Output(ProgressListener listener) {
            this.listener = listener;
        }

        @Override
        public void onProgress(BaseBackupProgress p) {
            rate.record(Instant.now(), p.doneBytes());
            listener.onProgress(new Progress(TASK, p.percent(), p.doneBytes(), OptionalLong.of(p.totalBytes()), "",
                    rate.bytesPerSecond().stream().filter(r -> r > 0).findFirst(), rate.eta(p.totalBytes()),
                    p.isComplete()));
        }

        private final java.util.Deque<String> lastMessages = new java.util.ArrayDeque<>();

        @Override
        public void onMessage(String message) {
            LOG.debug("basebackup: {}", message);
            synchronized (lastMessages) {
                lastMessages.addLast(message);
                if (lastMessages.size() > 3) {
                    lastMessages.removeFirst();
                }
            }
        }

        /** The error lines pg_basebackup printed last (or its last lines when none says error). */
        List<String> errors() {
            synchronized (lastMessages) {
                List<String> errors = lastMessages.stream().filter(BaseBackupOutputReader::isError).toList();
                return errors.isEmpty() ? List.copyOf(lastMessages) : errors;
            }
        }
    }
}
