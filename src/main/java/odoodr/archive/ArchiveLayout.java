package odoodr.archive;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import odoodr.config.Config;

/**
 * Where the recovery archive keeps what (archive.directory, owned by postgres, 0700). The one place that knows the
 * layout: the archiver side writes it (setup, the agent's base backups, retention), the restore side only reads it.
 * <pre>
 * &lt;root&gt;/wal/                        every WAL segment the standby received (basic_archive.archive_directory)
 * &lt;root&gt;/base/&lt;label&gt;.partial/        a base backup being taken or verified: never used, removed when stale
 * &lt;root&gt;/base/&lt;label&gt;/data/           a good base backup, plain format, with its backup_manifest
 * &lt;root&gt;/base/&lt;label&gt;/backup.properties  its {@link BackupRecord}, written last: no record, no backup
 * </pre>
 * A label is the UTC time the backup started, {@code 20261203T174000Z}: labels sort in time order.
 */
public record ArchiveLayout(Path root) {
    public static final String WAL = "wal";
    public static final String BASE = "base";
    public static final String DATA = "data";
    public static final String RECORD = "backup.properties";
    public static final String PARTIAL_SUFFIX = ".partial";
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    public ArchiveLayout {
        Objects.requireNonNull(root, "root");
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("the archive directory must be absolute: " + root);
        }
    }

    /** The archive of {@code config}'s standby. */
    public static ArchiveLayout of(Config config) {
        return new ArchiveLayout(config.archiveDirectory());
    }

    /** The WAL segments (and timeline history files) archived by the standby. */
    public Path walDirectory() {
        return root.resolve(WAL);
    }

    /** The base backups, one directory each. */
    public Path baseDirectory() {
        return root.resolve(BASE);
    }

    /** The directory of the good base backup {@code label}. */
    public Path backupDirectory(String label) {
        return baseDirectory().resolve(checkedLabel(label));
    }

    /** The data directory of base backup {@code label} (plain format, as pg_basebackup -D wrote it). */
    public Path backupData(String label) {
        return backupDirectory(label).resolve(DATA);
    }

    /** The record of base backup {@code label}; written last, so its presence means the backup is complete. */
    public Path recordOf(String label) {
        return backupDirectory(label).resolve(RECORD);
    }

    /** Where base backup {@code label} is written and verified before it is renamed to {@link #backupDirectory}. */
    public Path partialDirectory(String label) {
        return baseDirectory().resolve(checkedLabel(label) + PARTIAL_SUFFIX);
    }

    /** The label of a backup started at {@code start} (second precision, UTC). */
    public static String labelAt(Instant start) {
        return LABEL.format(start);
    }

    /** The start time a label names, or empty for a name that is not a label (a stray directory). */
    public static Optional<Instant> startOf(String label) {
        try {
            return Optional.of(Instant.from(LABEL.parse(label)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String checkedLabel(String label) {
        if (startOf(label).isEmpty()) {
            throw new IllegalArgumentException("not a base backup label: " + label);
        }
        return label;
    }
}
