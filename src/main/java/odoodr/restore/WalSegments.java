package odoodr.restore;

import odoodr.postgres.Lsn;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * WAL segment names ({@code TTTTTTTTXXXXXXXXYYYYYYYY}: timeline, then the segment number split at 4 GiB) and the
 * search for the first segment that neither WAL source of a restore holds. Pure.
 */
public final class WalSegments {
    public static final long DEFAULT_SEGMENT_BYTES = 16L * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[0-9A-F]{24}");

    private WalSegments() {
    }

    /** The name of the segment holding {@code lsn} on {@code timeline}. */
    public static String nameOf(int timeline, Lsn lsn, long segmentBytes) {
        return name(timeline, Long.divideUnsigned(lsn.value(), segmentBytes), segmentBytes);
    }

    static String name(int timeline, long segment, long segmentBytes) {
        long perId = 0x100000000L / segmentBytes;
        return String.format(Locale.ROOT, "%08X%08X%08X", timeline, segment / perId, segment % perId);
    }

    public static boolean isSegmentName(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    /**
     * The first segment from {@code from}'s to {@code to}'s (both included) on {@code timeline} that is in none of
     * {@code available}; empty when every one is there.
     */
    public static Optional<String> firstMissing(int timeline, Lsn from, Lsn to, long segmentBytes, Set<String> available) {
        long first = Long.divideUnsigned(from.value(), segmentBytes);
        long last = Long.divideUnsigned(to.value(), segmentBytes);
        for (long s = first; s <= last; s++) {
            String name = name(timeline, s, segmentBytes);
            if (!available.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
