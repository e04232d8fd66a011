package odoodr.filestore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.host.AtomicFile;
import odoodr.runbook.Check;
import odoodr.host.ServiceUser;
import odoodr.runbook.ReseedableStep;
import odoodr.runbook.SetupContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runbook B3: the initial copy of one database's filestore, with progress. It holds the sync lock (gotcha 8: no
 * recurring pass runs beside it) and is resumable: an interrupted seed leaves only complete files under their final
 * names plus the partial-dir, and the next setup skips what is here and resumes the rest. When rsync has finished,
 * a marker beside the mirror ({@code <local_base>/.odoo-dr-seeded-<db>}, outside every database's directory) records
 * it, with prod's system identifier and the mirror directory's identity ({@link SeedMarker}); without the marker, or
 * with one of another prod or of a mirror that was removed since, the step runs again. {@code --reseed} runs it again
 * on purpose (it never deletes).
 *
 * <p>Just before rsync starts, the step asks the standby for its highest attachment id ({@code highWater}) and
 * records it in the marker, so that the attachment sync after the seed starts there instead of asking rsync for every
 * file again. The seed, that question and the marker all happen under one hold of the {@link SyncLock}: a sync
 * waiting for the lock finds the new marker the moment it gets it.
 */
public final class SeedFilestoreStep extends ReseedableStep {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("filestore");
    private final String database;
    private final Function<SetupContext, Long> highWater;

    /** @param highWater the standby's highest ir_attachment.id now (throws when it cannot be read) */
    public SeedFilestoreStep(String database, Function<SetupContext, Long> highWater) {
        this.database = database;
        this.highWater = highWater;
    }

    @Override
    public String id() {
        return "filestore-seed-" + database;
    }

    @Override
    public String title() {
        return "initial copy of " + database + "'s filestore";
    }


    @Override
    protected Check check(SetupContext ctx, boolean reseed) {
        Path marker = marker(ctx);
        Path dir = ctx.config().filestore().localDirectoryOf(database);
        String copy = "rsync prod's " + ctx.config().prod().requireFilestorePath().resolve(database) + " into " + dir
                + " as odoo, holding the sync lock";
        Optional<String> stale = Optional.empty();
        Optional<String> text = readMarker(marker);
        if (text.isPresent()) {
            Optional<SeedMarker> done = SeedMarker.parse(text.get());
            stale = done.isEmpty() ? Optional.of("the seed marker " + marker + " names no prod (written by an older odoo-dr)")
                    : done.get().whyNotValid(ctx.prodSystemIdentifier(), dir, hasFiles(dir));
            if (stale.isEmpty()) {
                return reseed ? Check.needed("--reseed: " + copy + " again (never deletes)")
                        : Check.satisfied("seeded " + done.get().seeded());
            }
        }
        return Check.needed(stale.map(why -> why + ": ").orElse("")
                + (hasFiles(dir) ? "resume the interrupted copy (files already here are skipped): " : "") + copy);
    }

    @Override
    public void apply(SetupContext ctx) {
        try (SyncLock held = SyncLock.acquire("seed of " + database, FilestoreTransport.LOCK_WAIT)) {
            Long upTo = attachmentsUpTo(ctx);
            seedAndMark(ctx, upTo);
        }
    }

    /** The standby's highest attachment id before the copy starts; null (the sync then reads every row) if unknown. */
    private Long attachmentsUpTo(SetupContext ctx) {
        try {
            return highWater.apply(ctx);
        } catch (RuntimeException e) {
            LOG.warn("filestore {}: cannot read the standby's highest attachment id before the seed ({}): the first"
                    + " attachment sync will read every row", database, e.getMessage());
            return null;
        }
    }

    private void seedAndMark(SetupContext ctx, Long upTo) {
        String task = "seed " + database;
        TransferResult r;
        try {
            r = new FilestoreTransport(ctx.config(), ctx.runner())
                    .seed(database, p -> ctx.progress().onProgress(p.toProgress(task)));
        } finally {
            ctx.progress().onEnd(task);
        }
        String summary = Instant.now() + ": " + r.files() + " files, " + r.bytes() + " bytes in "
                + String.format(java.util.Locale.ROOT, "%.1f", r.elapsed().toMillis() / 1000.0) + " s"
                + (r.missingOnProd().isEmpty() ? ""
                : ", " + r.missingOnProd().size() + " vanished on prod meanwhile");
        Path dir = ctx.config().filestore().localDirectoryOf(database);
        String mirror = SeedMarker.identityOf(dir).orElseThrow(() -> new DrException(ExitCode.RSYNC,
                "the mirror " + dir + " vanished during its seed", "run setup --only filestore again"));
        SeedMarker done = new SeedMarker(summary, ctx.prodSystemIdentifier(), mirror, r.files(), upTo);
        try {
            AtomicFile.write(marker(ctx), done.text().getBytes(StandardCharsets.UTF_8),
                    PosixFilePermissions.fromString("rw-r-----"),
                    ServiceUser.runningAsRoot() ? Optional.of(ServiceUser.ODOO.name()) : Optional.empty());
        } catch (IOException e) {
            throw new DrException(ExitCode.RSYNC, "cannot write " + marker(ctx) + ": " + e.getMessage(), null, e);
        }
    }

    private Path marker(SetupContext ctx) {
        return marker(ctx.config().filestore().localBase(), database);
    }

    static Path marker(Path localBase, String database) {
        return SeedMarker.path(localBase, database);
    }

    private static Optional<String> readMarker(Path marker) {
        try {
            return Files.exists(marker) ? Optional.of(Files.readString(marker).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}
