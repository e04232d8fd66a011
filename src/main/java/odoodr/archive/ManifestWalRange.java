package odoodr.archive;

import odoodr.postgres.Lsn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end of the WAL a base backup needs, from its {@code backup_manifest}'s {@code WAL-Ranges} (the last range's
 * {@code End-LSN}): a restore from the backup is consistent once it has replayed that far. The manifest is JSON that
 * pg_basebackup writes one range per line, so a pattern reads it without a JSON parser.
 */
public record ManifestWalRange(int timeline, Lsn startLsn, Lsn endLsn) {
    private static final Pattern RANGE = Pattern.compile(
            "\\{\\s*\"Timeline\"\\s*:\\s*(\\d+)\\s*,\\s*\"Start-LSN\"\\s*:\\s*\"([0-9A-Fa-f]+/[0-9A-Fa-f]+)\"\\s*,"
                    + "\\s*\"End-LSN\"\\s*:\\s*\"([0-9A-Fa-f]+/[0-9A-Fa-f]+)\"\\s*}");

    /** The last WAL range of a manifest; none at all is an {@link IllegalArgumentException}. */
    public static ManifestWalRange lastOf(String manifest) {
        int at = manifest.indexOf("\"WAL-Ranges\"");
        if (at < 0) {
            throw new IllegalArgumentException("backup_manifest has no WAL-Ranges");
        }
        Matcher m = RANGE.matcher(manifest);
        m.region(at, manifest.length());
        ManifestWalRange last = null;
        while (m.find()) {
            last = new ManifestWalRange(Integer.parseInt(m.group(1)), Lsn.parse(m.group(2)), Lsn.parse(m.group(3)));
        }
        if (last == null) {
            throw new IllegalArgumentException("backup_manifest's WAL-Ranges is empty");
        }
        return last;
    }
}
