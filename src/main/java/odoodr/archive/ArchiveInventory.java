package odoodr.archive;

import odoodr.host.AtomicFile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the archive's {@code base/} holds now: the good backups (a label directory with a record that parses), the
 * partial ones (being taken, or left by an interrupted attempt) and anything else (damaged, foreign: never used).
 */
public record ArchiveInventory(List<BackupRecord> good, List<String> partial, List<String> damaged) {
    public static ArchiveInventory read(ArchiveLayout layout) throws IOException {
        List<BackupRecord> good = new ArrayList<>();
        List<String> partial = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.baseDirectory())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (name.endsWith(ArchiveLayout.PARTIAL_SUFFIX)) {
                    partial.add(name);
                } else if (ArchiveLayout.startOf(name).isPresent()) {
                    recordOf(layout, name).ifPresentOrElse(good::add, () -> damaged.add(name));
                }
            }
        } catch (NoSuchFileException e) {
            // no backup yet
        }
        good.sort(Comparator.comparing(BackupRecord::finished));
        partial.sort(Comparator.naturalOrder());
        return new ArchiveInventory(List.copyOf(good), List.copyOf(partial), List.copyOf(damaged));
    }

    private static Optional<BackupRecord> recordOf(ArchiveLayout layout, String label) throws IOException {
        Optional<byte[]> bytes = AtomicFile.readIfExists(layout.recordOf(label));
        try {
            return bytes.map(BackupRecord::parse).filter(r -> r.label().equals(label));
        } catch (IllegalArgumentException damagedRecord) {
            return Optional.empty();
        }
    }

    /** The newest good backup. */
    public Optional<BackupRecord> newest() {
        return good.isEmpty() ? Optional.empty() : Optional.of(good.get(good.size() - 1));
    }

    /** The oldest good backup: its end is the oldest point a restore can reach. */
    public Optional<BackupRecord> oldest() {
        return good.isEmpty() ? Optional.empty() : Optional.of(good.get(0));
    }
}
