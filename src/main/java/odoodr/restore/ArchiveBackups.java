package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.archive.ArchiveLayout;
import odoodr.archive.BackupRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The good base backups of an archive, read (only read) as {@link ArchiveLayout} describes them: a directory with a
 * label for a name and a {@link BackupRecord}; {@code .partial} directories, strays and damaged records are not
 * backups.
 */
public final class ArchiveBackups {
    private static final Logger LOG = LoggerFactory.getLogger("restore");

    private ArchiveBackups() {
    }

    public static List<BackupRecord> read(ArchiveLayout layout) {
        List<BackupRecord> good = new ArrayList<>();
        if (!Files.isDirectory(layout.baseDirectory(), LinkOption.NOFOLLOW_LINKS)) {
            return good;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.baseDirectory())) {
            for (Path dir : dirs) {
                String label = dir.getFileName().toString();
                if (ArchiveLayout.startOf(label).isEmpty() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Path record = layout.recordOf(label);
                if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // being written, or not verified: no record, no backup
                }
                try {
                    BackupRecord r = BackupRecord.parse(Files.readAllBytes(record));
                    if (r.label().equals(label) && Files.isDirectory(layout.backupData(label), LinkOption.NOFOLLOW_LINKS)) {
                        good.add(r);
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warn("restore: {}: {}; not used", record, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new DrException(ExitCode.RESTORE, "cannot read the archive's base backups in " + layout.baseDirectory()
                    + ": " + e.getMessage(), "run odoo-dr restore as root", e);
        }
        return good;
    }
}
