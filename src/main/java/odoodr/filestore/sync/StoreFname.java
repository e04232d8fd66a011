package odoodr.filestore.sync;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one gate a {@code store_fname} read from the standby passes before it becomes a path on this machine or a line
 * of rsync's {@code --files-from}. Odoo writes {@code <sha1[:2]>/<sha1>} (older databases {@code <sha1[:3]>/<sha1>});
 * anything else ({@code ..}, an absolute path, another directory, upper case, a trailing newline) could make a
 * replicated row point the mirror outside its directory, so it is refused, reported, and never fetched. The name is
 * used exactly as stored, never rebuilt from the checksum.
 */
public final class StoreFname {
    private static final Pattern ODOO_NAME = Pattern.compile("[0-9a-f]{2,3}/[0-9a-f]{40}");

    private StoreFname() {
    }

    public static boolean isSafe(String storeFname) {
        return storeFname != null && ODOO_NAME.matcher(storeFname).matches();
    }

    /** Why {@code storeFname} is refused, or empty when it is a plain Odoo filestore name. */
    public static Optional<String> problem(String storeFname) {
        if (storeFname == null) {
            return Optional.of("no store_fname");
        }
        if (isSafe(storeFname)) {
            return Optional.empty();
        }
        if (storeFname.startsWith("/")) {
            return Optional.of("absolute path");
        }
        if (storeFname.contains("..")) {
            return Optional.of("contains ..");
        }
        return Optional.of("not of the form xx/<40 hex> (Odoo's <sha1[:2]>/<sha1>, or legacy <sha1[:3]>/<sha1>)");
    }

    /** The file-name part, which Odoo derives from the content's sha1. */
    static String sha1Part(String safeStoreFname) {
        return safeStoreFname.substring(safeStoreFname.indexOf('/') + 1);
    }

    /** A name as it may be shown in a log line or report: control characters escaped, length capped. */
    public static String printable(String storeFname) {
        if (storeFname == null) {
            return "(null)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < storeFname.length() && out.length() < 120; i++) {
            char c = storeFname.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return storeFname.length() > 120 ? out + "..." : out.toString();
    }
}
