package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.archive.ArchiveInventory;
import odoodr.archive.ArchiveLayout;
import odoodr.archive.BackupRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;

/**
 * The good base backups a restore may start from: {@link ArchiveInventory}'s good ones (a label directory with a
 * record that parses; {@code .partial} directories, strays and damaged records are not backups) whose data is there.
 * A failure to read the archive is a restore refusal.
 */
public final class ArchiveBackups {
    private ArchiveBackups() {
    }

    public static List<BackupRecord> read(ArchiveLayout layout) {
        if (!Files.isDirectory(layout.baseDirectory(), LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            return ArchiveInventory.read(layout).good().stream()
                    .filter(r -> Files.isDirectory(layout.backupData(r.label()), LinkOption.NOFOLLOW_LINKS))
                    .toList();
        } catch (IOException e) {
            throw new DrException(ExitCode.RESTORE, "cannot read the archive's base backups in " + layout.baseDirectory()
                    + ": " + e.getMessage(), "run odoo-dr restore as root", e);
        }
    }
}
