package odoodr.filestore.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code odoo-dr verify} found: per database, every attachment row of the standby that should have a file,
 * checked against the mirror (present, right size, and with {@code deep} the right sha1). Problems of asset bundles
 * are kept apart: Odoo rebuilds those once their rows are deleted, while any other missing file is a lost document.
 * Rendered by {@code cli/VerifyCommand} (text) and {@code output/VerifyJsonRenderer} (JSON).
 */
public record VerifyReport(boolean deep, Instant checkedAt, List<DatabaseResult> databases) {
    /** At most this many problems are listed per database and kind; the counts are always complete. */
    public static final int MAX_LISTED = 10_000;

    public enum Kind {
        MISSING("missing"), WRONG_SIZE("wrong_size"), WRONG_CHECKSUM("wrong_checksum"), UNSAFE_NAME("unsafe_name");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /** One attachment whose file is not as its row says. Sizes and sha1s are null where they do not apply. */
    public record Problem(long attachmentId, String storeFname, Kind kind, boolean assetBundle, String resModel,
                          String name, Long expectedSize, Long actualSize, String expectedSha1, String actualSha1) {
    }

    /**
     * @param standbyReplayedAt when the standby last replayed a transaction of prod (null: not known)
     * @param attachments       rows that should have a file
     * @param files             distinct files they reference
     * @param attachmentsOk     rows whose file is as it should be
     * @param counts            problems by kind, asset bundles not included
     * @param assetBundleProblems problems of asset-bundle rows, all kinds
     * @param problems          listed problems of other rows (at most {@link #MAX_LISTED})
     * @param assetBundles      listed problems of asset bundles (at most {@link #MAX_LISTED})
     */
    public record DatabaseResult(String database, Instant standbyReplayedAt, long attachments, long files,
                                 long attachmentsOk, Map<Kind, Long> counts, long assetBundleProblems,
                                 List<Problem> problems, List<Problem> assetBundles) {
        public DatabaseResult {
            counts = Map.copyOf(counts);
            problems = List.copyOf(problems);
            assetBundles = List.copyOf(assetBundles);
        }

        public long count(Kind kind) {
            return counts.getOrDefault(kind, 0L);
        }

        /** Problems outside asset bundles: documents that would be lost by a failover now. */
        public long documentProblems() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean ok() {
            return documentProblems() == 0 && assetBundleProblems == 0;
        }
    }

    public boolean ok() {
        return databases.stream().allMatch(DatabaseResult::ok);
    }

    public long total(java.util.function.ToLongFunction<DatabaseResult> f) {
        return databases.stream().mapToLong(f).sum();
    }
}
