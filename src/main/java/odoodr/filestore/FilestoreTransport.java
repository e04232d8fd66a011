package odoodr.filestore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /** The receiver's write to, or read from, a sender that has already exited. */
    private static final java.util.regex.Pattern SENDER_GONE =
            java.util.regex.Pattern.compile("rsync: .*(?:Broken pipe|connection unexpectedly closed).*");

    private static final java.util.regex.Pattern PROGRESS_START = java.util.regex.Pattern.compile("[\\d,.]+\\s+\\d{1,3}%");

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
            missing.addAll(matchRequested(run.stats().absent(), wanted));
            return run.result(missing);
        }
    }

    /** The safety-net full pass of one database's filestore: never --delete, nice/ionice'd. */
    public TransferResult fullPass(String database) {
        try (SyncLock lock = SyncLock.acquire("full pass of " + database, LOCK_WAIT)) {
            RsyncTempFiles.removeLeftovers(localDir(database));
            Run run = rsync(database, RsyncCommand.Mode.FULL_PASS, null, null, PASS_TIMEOUT, null);
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
                    + result.exitCode() + "): " + String.join(" | ", lastOf(said)), hint(said));
        }
        return result.stdout().lines().map(LIST_ENTRY::matcher).filter(java.util.regex.Matcher::matches).map(m -> m.group(1))
                .filter(name -> !name.equals(".")).toList();
    }

    /** filestore.local_base/<db>. */
    public Path localDir(String database) {
        return config.filestore().localDirectoryOf(database);
    }

    private record Run(RsyncStats stats, Duration elapsed) {
        TransferResult result(List<String> missing) {
            return new TransferResult((int) Math.min(Integer.MAX_VALUE, stats.files()), stats.bytes(), elapsed, missing);
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
            exit = runner.runStreamingStderr(cmd.build(), in -> read(in, stats, progress)).exitCode();
        } catch (DrException e) {
            throw prodLacksDatabase(database, stats) ? noFilestoreOnProd(database, prodDir) : withRsyncsWords(e, stats);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (exit == RsyncCommand.EARLIER_RSYNC_RUNNING) {
            throw new DrException(ExitCode.RSYNC, "filestore " + database + ": an earlier rsync still holds "
                    + SyncLock.DEFAULT_FILE + " after " + RsyncCommand.ORPHAN_WAIT_SECONDS + " s",
                    "an odoo-dr killed outright left its rsync running; find it with: fuser -v " + SyncLock.DEFAULT_FILE);
        }
        if (prodLacksDatabase(database, stats)) {
            throw noFilestoreOnProd(database, prodDir);
        }
        if (exit != 0 && !stats.errors().isEmpty() && !nothingToSendAndSenderGone(stats, requested)) {
            throw new DrException(ExitCode.RSYNC, "rsync " + database + " failed (exit " + exit + "): "
                    + String.join(" | ", lastOf(stats.errors())), hint(stats.errors()));
        }
        if (!stats.absent().isEmpty()) {
            LOG.info("filestore {}: {} file(s) not on prod (any more)", database, stats.absent().size());
        }
        LOG.info("filestore {}: {} file(s), {} bytes in {} ms ({})", database, stats.files(), stats.bytes(),
                elapsed.toMillis(), mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        return new Run(stats, elapsed);
    }

    /**
     * When prod has none of the names asked for, the sender's file list is empty and rsync ends the run in a way of
     * its own: the sender exits as soon as it has sent the empty list, without the closing handshake (main.c
     * do_server_sender); the receiver skips the transfer, prints its stats ("Number of files: 0") and exits 23 for
     * the absent names, and on its way out it sends the sender its exit code, a write that fails when ssh has already
     * gone: "rsync: [Receiver] write error: Broken pipe (32)". The outcome is complete all the same: nothing to
     * fetch, every name missing. True for exactly that: an empty file list, every requested name reported absent
     * (link_stat ... No such file or directory), and no error line but those of that early close; a refused key,
     * sudo, rrsync, a name the sender could not read or a lost connection with names unaccounted for stay failures.
     */
    static boolean nothingToSendAndSenderGone(RsyncStats stats, Collection<String> requested) {
        if (requested == null || requested.isEmpty() || !stats.listedNothing()
                || !new java.util.HashSet<>(matchRequested(stats.absent(), requested)).containsAll(requested)) {
            return false;
        }
        if (!stats.errors().stream().allMatch(l -> SENDER_GONE.matcher(l).matches())) {
            return false;
        }
        LOG.debug("filestore: none of the {} name(s) asked for is on prod; rsync's sender left early: {}",
                requested.size(), stats.errors());
        return true;
    }

    /**
     * The database's directory itself is missing on prod: rrsync refuses to open it ("post-realpath open failed ...
     * No such file or directory"), or rsync's sender reports the root absent.
     */
    private static boolean prodLacksDatabase(String database, RsyncStats stats) {
        return stats.absent().stream().anyMatch(p -> RsyncStats.relativeTo(database, p).isEmpty())
                || stats.errors().stream().anyMatch(l -> l.contains("rrsync error") && l.contains("No such file or directory"));
    }

    private static DrException noFilestoreOnProd(String database, Path prodDir) {
        return new DrException(ExitCode.RSYNC, "filestore " + database + ": prod has no " + prodDir,
                "check databases: (Odoo database names) and prod.filestore_path in the config");
    }

    /** Splits rsync's stderr into progress records and lines; both end with \r or \n. */
    static void read(java.io.InputStream in, RsyncStats stats, Consumer<RsyncProgress> progress) {
        try {
            StringBuilder record = new StringBuilder();
            java.io.Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
            int c;
            while ((c = reader.read()) != -1) {
                if (c == '\r' || c == '\n') {
                    take(record.toString(), stats, progress);
                    record.setLength(0);
                } else {
                    record.append((char) c);
                }
            }
            take(record.toString(), stats, progress);
        } catch (IOException e) {
            LOG.debug("filestore: rsync's output: {}", e.getMessage());
        }
    }

    private static void take(String record, RsyncStats stats, Consumer<RsyncProgress> progress) {
        if (record.isBlank()) {
            return;
        }
        Optional<RsyncProgress> p = RsyncProgress.parse(record);
        if (p.isPresent()) {
            if (progress != null) {
                progress.accept(p.get());
            }
            return;
        }
        String line = record.strip();
        // a message written in the middle of a progress record: "40277872  69%    1.82MB/s    0:0rsync error: ..."
        int message = line.indexOf("rsync");
        if (message > 0 && PROGRESS_START.matcher(line).lookingAt()) {
            line = line.substring(message);
        }
        LOG.debug("rsync: {}", line);
        stats.accept(line);
    }

    /** The requested names among the sender's absent paths (which carry rrsync's root in front). */
    static List<String> matchRequested(List<String> absentPaths, Collection<String> requested) {
        Map<String, List<String>> byLastPart = new HashMap<>();
        for (String name : requested) {
            byLastPart.computeIfAbsent(name.substring(name.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(name);
        }
        List<String> found = new ArrayList<>();
        for (String path : absentPaths) {
            String last = path.substring(path.lastIndexOf('/') + 1);
            for (String name : byLastPart.getOrDefault(last, List.of())) {
                if (path.equals(name) || path.endsWith("/" + name)) {
                    found.add(name);
                    break;
                }
            }
        }
        return found;
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

    private static DrException withRsyncsWords(DrException e, RsyncStats stats) {
        List<String> errors = stats.explanation();
        if (errors.isEmpty()) {
            return e;
        }
        return new DrException(e.exitCode(), e.getMessage() + ": " + String.join(" | ", lastOf(errors)),
                hint(errors) != null ? hint(errors) : e.hint(), e);
    }

    private static List<String> lastOf(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 4), lines.size());
    }

    /** What to do about the usual failures, recognised from what ssh, sudo and rrsync said. */
    static String hint(List<String> errors) {
        String all = String.join("\n", errors).toLowerCase(java.util.Locale.ROOT);
        if (all.contains("permission denied (publickey")) {
            return "prod does not accept the filestore key: run odoo-dr setup --only filestore";
        }
        if (all.contains("host key verification failed") || all.contains("remote host identification has changed")) {
            return "prod's host key is not the one pinned in ~odoo/.ssh/known_hosts: if prod was really reinstalled,"
                    + " remove the old key there and run setup --only filestore; otherwise stop and investigate";
        }
        if (all.contains("sudo") && (all.contains("password") || all.contains("not allowed"))) {
            return "the login user on prod needs passwordless sudo for /usr/bin/rrsync";
        }
        if (all.contains("rrsync")) {
            return "prod's rrsync refused the request; check /usr/bin/rrsync on prod (rsync 3.2.4 or newer)";
        }
        if (all.contains("no space left")) {
            return "the disk holding the mirror is full; free space and run again";
        }
        return null;
    }
}
