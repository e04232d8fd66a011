package odoodr.filestore.sync;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code odoo-dr verify}: reads every row of the standby that should have a file (page by page) and checks the
 * mirror: the file exists, has the row's {@code file_size}, and with {@code deep} the row's sha1. A file shared by
 * several rows is hashed once. Read-only: it never fetches, deletes or repairs.
 */
public final class FilestoreVerifier {
    private final int pageSize;

    public FilestoreVerifier(int pageSize) {
        this.pageSize = pageSize;
    }

    public static VerifyReport verify(Config config, boolean deep) {
        return verify(config, config.postgres().port(), deep);
    }

    /**
     * Like {@link #verify(Config, boolean)}, with the rows of the local cluster on {@code port}: a restored copy of
     * the standby, whose files the mirror holds too (attachment files are never deleted from it).
     */
    public static VerifyReport verify(Config config, int port, boolean deep) {
        List<VerifyReport.DatabaseResult> results = new ArrayList<>();
        FilestoreVerifier verifier = new FilestoreVerifier(SyncSettings.PAGE_SIZE);
        for (String db : config.databases()) {
            try (StandbyAttachments source = new StandbyAttachments(config, db, port)) {
                Instant replayed = source.lastReplayed().orElse(null);
                results.add(verifier.verify(db, source, config.filestore().localDirectoryOf(db), deep, replayed));
            } catch (UncheckedIOException e) {
                throw new DrException(ExitCode.VERIFY, "verify " + db + ": " + e.getMessage(),
                        "run verify as root, or check the permissions of " + config.filestore().localBase(), e);
            }
        }
        return new VerifyReport(deep, Instant.now(), results);
    }

    public VerifyReport.DatabaseResult verify(String database, AttachmentSource source, Path localDir, boolean deep,
                                              Instant standbyReplayedAt) {
        Tally t = new Tally();
        long after = 0;
        while (true) {
            List<AttachmentRow> page = source.rowsAfter(after, pageSize);
            for (AttachmentRow row : page) {
                after = row.id();
                check(row, localDir, deep, t);
            }
            if (page.size() < pageSize) {
                break;
            }
        }
        return new VerifyReport.DatabaseResult(database, standbyReplayedAt, t.attachments, t.distinct.size(),
                t.ok, t.counts, t.assetProblems, t.problems, t.assetBundles);
    }

    private void check(AttachmentRow row, Path localDir, boolean deep, Tally t) {
        t.attachments++;
        if (!StoreFname.isSafe(row.storeFname())) {
            t.add(row, VerifyReport.Kind.UNSAFE_NAME, null, null);
            return;
        }
        t.distinct.add(row.storeFname());
        Path file = localDir.resolve(row.storeFname());
        Optional<Long> size = sizeOf(file);
        if (size.isEmpty()) {
            t.add(row, VerifyReport.Kind.MISSING, null, null);
            return;
        }
        if (row.fileSize() != null && !row.fileSize().equals(size.get())) {
            t.add(row, VerifyReport.Kind.WRONG_SIZE, size.get(), null);
            return;
        }
        if (deep) {
            String actual = t.hashed.containsKey(row.storeFname()) ? t.hashed.get(row.storeFname()) : null;
            if (actual == null && !t.hashedOk.contains(row.storeFname())) {
                actual = sha1(file);
                if (actual.equals(row.expectedSha1())) {
                    t.hashedOk.add(row.storeFname());
                    actual = null;
                } else {
                    t.hashed.put(row.storeFname(), actual);
                }
            }
            if (actual != null && !actual.equals(row.expectedSha1())) {
                t.add(row, VerifyReport.Kind.WRONG_CHECKSUM, size.get(), actual);
                return;
            }
        }
        t.ok++;
    }

    private static Optional<Long> sizeOf(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? Optional.of(a.size()) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha1(Path file) {
        try {
            return FileDigest.sha1Hex(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static final class Tally {
        long attachments;
        long ok;
        long assetProblems;
        final LocalIndex distinct = new LocalIndex();
        final LocalIndex hashedOk = new LocalIndex();
        final Map<String, String> hashed = new HashMap<>(); // files whose sha1 was wrong: name → actual sha1
        final Map<VerifyReport.Kind, Long> counts = new EnumMap<>(VerifyReport.Kind.class);
        final List<VerifyReport.Problem> problems = new ArrayList<>();
        final List<VerifyReport.Problem> assetBundles = new ArrayList<>();

        void add(AttachmentRow row, VerifyReport.Kind kind, Long actualSize, String actualSha1) {
            boolean asset = row.isAssetBundle();
            String expectedSha1 = kind == VerifyReport.Kind.WRONG_CHECKSUM ? row.expectedSha1() : null;
            var p = new VerifyReport.Problem(row.id(), row.storeFname(), kind, asset, row.resModel(), row.name(),
                    row.fileSize(), actualSize, expectedSha1, actualSha1);
            if (asset) {
                assetProblems++;
                if (assetBundles.size() < VerifyReport.MAX_LISTED) {
                    assetBundles.add(p);
                }
            } else {
                counts.merge(kind, 1L, Long::sum);
                if (problems.size() < VerifyReport.MAX_LISTED) {
                    problems.add(p);
                }
            }
        }
    }
}
