package odoodr.filestore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the seed marker ({@code <local_base>/.odoo-dr-seeded-<db>}) records about a finished initial copy, and whether
 * it still stands: a marker counts only for the prod it was copied from (prod's system identifier) and for the very
 * mirror directory it was copied into (its device and inode), which must still hold files. A marker left by an
 * earlier prod, or beside a mirror that was removed and made again, would otherwise report a seed that is not there.
 *
 * <p>File format, one {@code key: value} a line: {@code seeded} (when and how much, for the operator), {@code prod}
 * (system identifier), {@code mirror} ("dev 2049 inode 1234"), {@code files} (how many rsync copied or found), and
 * {@code attachments_up_to}: the highest {@code ir_attachment.id} the standby showed just before rsync started (absent
 * when the standby could not be read then). The attachment sync starts after it instead of reading every row again
 * (why that is safe: {@code filestore.sync.ResumePoint}).
 *
 * @param attachmentsUpTo null when unknown
 */
public record SeedMarker(String seeded, String prodSystemId, String mirror, long files, Long attachmentsUpTo) {
    private static final String PREFIX = ".odoo-dr-seeded-";

    public SeedMarker(String seeded, String prodSystemId, String mirror, long files) {
        this(seeded, prodSystemId, mirror, files, null);
    }

    /** {@code <local_base>/.odoo-dr-seeded-<db>}: beside the mirrors, outside every database's directory. */
    public static Path path(Path localBase, String database) {
        return localBase.resolve(PREFIX + database);
    }

    /** The marker of {@code database}'s seed, if there is one of this format and it is readable. */
    public static Optional<SeedMarker> read(Path localBase, String database) {
        try {
            return parse(Files.readString(path(localBase, database)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The mirror directory's identity ("dev D inode I"), or empty when it is missing or not a directory. */
    public static Optional<String> identityOf(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of("dev " + Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS)
                    + " inode " + Files.getAttribute(dir, "unix:ino", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    public String text() {
        return "seeded: " + seeded + "\nprod: " + prodSystemId + "\nmirror: " + mirror + "\nfiles: " + files + "\n"
                + (attachmentsUpTo == null ? "" : "attachments_up_to: " + attachmentsUpTo + "\n");
    }

    /** The marker in {@code text}; empty when it is not one of this format (an older marker names no prod). */
    public static Optional<SeedMarker> parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        text.lines().forEach(line -> {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        });
        if (!fields.keySet().containsAll(java.util.List.of("seeded", "prod", "mirror", "files"))) {
            return Optional.empty();
        }
        try {
            String upTo = fields.get("attachments_up_to");
            return Optional.of(new SeedMarker(fields.get("seeded"), fields.get("prod"), fields.get("mirror"),
                    Long.parseLong(fields.get("files")), upTo == null ? null : Long.valueOf(upTo)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether it was written for {@code dir} as it is now (the same directory, not one made again since). */
    public boolean standsFor(Path dir) {
        return identityOf(dir).map(mirror::equals).orElse(false);
    }

    /**
     * Why this marker does not stand for the mirror {@code dir} of the prod with system identifier {@code prodSystemId};
     * empty when it does.
     */
    public Optional<String> whyNotValid(String prodSystemId, Path dir, boolean dirHasFiles) {
        if (!this.prodSystemId.equals(prodSystemId)) {
            return Optional.of("the seed marker is from another prod (system " + this.prodSystemId + ", this prod is "
                    + prodSystemId + ")");
        }
        Optional<String> now = identityOf(dir);
        if (now.isEmpty()) {
            return Optional.of("the mirror " + dir + " is gone since the seed of " + seeded);
        }
        if (!now.get().equals(mirror) || (files > 0 && !dirHasFiles)) {
            return Optional.of("the mirror " + dir + " is not the one seeded " + seeded + " (it was removed or emptied since)");
        }
        return Optional.empty();
    }
}
