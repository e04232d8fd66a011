package odoodr.filestore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Moves filestore files from prod to this replica: rsync as the local odoo user, over the filestore's own key, to a
 * read-only rrsync on prod ({@link RsyncCommand}). Every transfer holds the {@link SyncLock} (waiting up to
 * {@link #LOCK_WAIT} for another one to end), so the seed, the full pass and the attachment-driven fetches never run
 * at once. Files prod does not have (any more) are reported, never fatal; everything else rsync complains about is a
 * {@link DrException} with exit code 13.
 */
public final class FilestoreTransport {
    private static final Logger LOG = LoggerFactory.getLogger("filestore");
    /** How long a transfer waits for another one (a full pass of a large filestore takes minutes). */
    public static final Duration LOCK_WAIT = Duration.ofMinutes(10);
    private static final Duration FETCH_TIMEOUT = Duration.ofHours(6);
    private static final Duration PASS_TIMEOUT = Duration.ofHours(48);
    /** rsync: "some files/attrs were not transferred", "some files vanished before they could be transferred". */
    static final int PARTIAL_TRANSFER = 23;
    static final int VANISHED = 24;

    /** "drwxr-xr-x             80 2026/11/25 19:48:21 odoo": mode, size, date, time, name. */
    private static final java.util.regex.Pattern LIST_ENTRY =
            java.util.regex.Pattern.compile("\\S+\\s+[\\d,.]+\\s+\\S+\\s+\\S+\\s(.*)");

    private final Config config;
    private final ProcessRunner runner;

    public FilestoreTransport(Config config, ProcessRunner runner) {
        this.config = config;
        this.runner = runner;
    }

    /**
     * Fetches exactly these store_fnames (relative to the db's filestore, e.g. "ab/ab12...") from prod in ONE rsync
     * --files-from over ONE ssh connection, as the local odoo user, into localDir(db); files missing on prod are
     * reported, not fatal. A name that is not a plain relative path (absolute, with {@code ..}) is not asked for and
     * is reported as missing.
     */
    public TransferResult fetch(String database, Collection<String> storeFnames) {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (String name : storeFnames) {
            if (isPlainRelative(name)) {
                wanted.add(name);
            } else {
                LOG.warn("filestore {}: not fetching {}: not a relative path inside the filestore", database, name);
                missing.add(name);
            }
        }
        if (wanted.isEmpty()) {
            return new TransferResult(0, 0, Duration.ZERO, missing);
        }
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (String name : wanted) {
            list.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            list.write(0);
        }
        try (SyncLock lock = SyncLock.acquire("fetch of " + wanted.size() + " file(s) of " + database, LOCK_WAIT)) {
            Run run = rsync(database, RsyncCommand.Mode.FETCH, list.toByteArray(), wanted, FETCH_TIMEOUT, null);
            missing.addAll(RsyncStats.matchRequested(run.stats().absent(), wanted));
            return run.result(missing);
        }
    }

    /** The safety-net full pass of one database's filestore: never --delete, nice/ionice'd. */
    public TransferResult fullPass(String database) {
        try (SyncLock lock = SyncLock.acquire("full pass of " + database, LOCK_WAIT)) {
            RsyncTempFiles.removeLeftovers(localDir(database));
            Run run = rsync(database, RsyncCommand.Mode.FULL_PASS, null, null, PASS_TIMEOUT, null);
            run.removeStalePartialsOf(localDir(database));
            return run.result(relativeAbsent(database, run.stats()));
        }
    }

    /**
     * The initial copy (runbook B3), with progress; resumable: files already here are skipped, an interrupted file is
     * resumed from the partial-dir. Holds the sync lock like every pass.
     */
    public TransferResult seed(String database, Consumer<RsyncProgress> progress) {
        try (SyncLock lock = SyncLock.acquire("seed of " + database, LOCK_WAIT)) {
            RsyncTempFiles.removeLeftovers(localDir(database));
            Run run = rsync(database, RsyncCommand.Mode.SEED, null, null, PASS_TIMEOUT, progress);
            run.removeStalePartialsOf(localDir(database));
            return run.result(relativeAbsent(database, run.stats()));
        }
    }

    /** The entries at the top of prod's filestore (its databases), listed through the filestore key. */
    public List<String> listProd() {
        Command cmd = Command.of(RsyncCommand.listArgv(config)).timeout(Duration.ofSeconds(60))
                .subject("rsync --list-only").onFailure(ExitCode.RSYNC, null).build();
        var result = runner.runAllowingFailure(cmd);
        if (result.exitCode() != 0) {
            List<String> said = RsyncStats.of(result.stderr()).explanation();
            throw new DrException(ExitCode.RSYNC, "rsync --list-only through the filestore key failed (exit "
                    + result.exitCode() + "): " + String.join(" | ", RsyncFailure.lastOf(said)), RsyncFailure.hint(said));
        }
        return result.stdout().lines().map(LIST_ENTRY::matcher).filter(java.util.regex.Matcher::matches).map(m -> m.group(1))
                .filter(name -> !name.equals(".")).toList();
    }

    /** filestore.local_base/<db>. */
    public Path localDir(String database) {
        return config.filestore().localDirectoryOf(database);
    }

    private record Run(RsyncStats stats, Duration elapsed, int exit) {
        TransferResult result(List<String> missing) {
            return new TransferResult((int) Math.min(Integer.MAX_VALUE, stats.files()), stats.bytes(), elapsed, missing);
        }

        /**
         * After a whole-tree pass in which every file of prod arrived or was already here (exit 0, or 24: some vanished
         * on prod meanwhile), what is left in a partial-dir is the start of a file that is now complete here or gone
         * from prod: nothing will ever resume it.
         */
        void removeStalePartialsOf(Path dir) {
            if (exit == 0 || exit == VANISHED) {
                RsyncTempFiles.removeStalePartialDirs(dir);
            }
        }
    }

    /** @param requested the names on stdin (fetch), else null */
    private Run rsync(String database, RsyncCommand.Mode mode, byte[] stdin, Collection<String> requested,
                      Duration timeout, Consumer<RsyncProgress> progress) {
        Path prodDir = config.prod().requireFilestorePath().resolve(database);
        Command.Builder cmd = Command.of(RsyncCommand.argv(config, database, localDir(database), mode))
                .timeout(timeout).subject("rsync " + database)
                .allowExitCodes(PARTIAL_TRANSFER, VANISHED, RsyncCommand.EARLIER_RSYNC_RUNNING)
                .onFailure(ExitCode.RSYNC, "prod's " + prodDir + " → " + localDir(database) + "; run again: files"
                        + " already here are skipped and an interrupted one resumes");
        if (stdin != null) {
            cmd.stdin(stdin);
        }
        RsyncStats stats = new RsyncStats();
        long start = System.nanoTime();
        int exit;
        try {
            exit = runner.runStreamingStderr(cmd.build(), in -> RsyncOutput.read(in, stats, progress)).exitCode();
        } catch (DrException e) {
            throw RsyncFailure.prodLacksDatabase(database, stats) ? RsyncFailure.noFilestoreOnProd(database, prodDir)
                    : RsyncFailure.withRsyncsWords(e, stats);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (exit == RsyncCommand.EARLIER_RSYNC_RUNNING) {
            throw new DrException(ExitCode.RSYNC, "filestore " + database + ": an earlier rsync still holds "
                    + SyncLock.DEFAULT_FILE + " after " + RsyncCommand.ORPHAN_WAIT_SECONDS + " s",
                    "an odoo-dr killed outright left its rsync running; find it with: fuser -v " + SyncLock.DEFAULT_FILE);
        }
        if (RsyncFailure.prodLacksDatabase(database, stats)) {
            throw RsyncFailure.noFilestoreOnProd(database, prodDir);
        }
        if (exit != 0 && !stats.errors().isEmpty() && !RsyncFailure.nothingToSendAndSenderGone(stats, requested)) {
            throw new DrException(ExitCode.RSYNC, "rsync " + database + " failed (exit " + exit + "): "
                    + String.join(" | ", RsyncFailure.lastOf(stats.errors())), RsyncFailure.hint(stats.errors()));
        }
        if (!stats.absent().isEmpty()) {
            LOG.info("filestore {}: {} file(s) not on prod (any more)", database, stats.absent().size());
        }
        LOG.info("filestore {}: {} file(s), {} bytes in {} ms ({})", database, stats.files(), stats.bytes(),
                elapsed.toMillis(), mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        return new Run(stats, elapsed, exit);
    }

    private static List<String> relativeAbsent(String database, RsyncStats stats) {
        return stats.absent().stream().map(p -> RsyncStats.relativeTo(database, p)).flatMap(Optional::stream).toList();
    }

    /** A store_fname as Odoo writes it (xx/sha1, legacy xxx/sha1): relative, no empty, . or .. segment. */
    static boolean isPlainRelative(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0 || name.indexOf('\n') >= 0) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
