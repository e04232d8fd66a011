package odoodr.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import odoodr.postgres.Lsn;

/**
 * What a good base backup is, written as {@value ArchiveLayout#RECORD} next to its data once pg_verifybackup has
 * passed: a backup without a record is not one. Plain {@code key=value} lines, so an operator can read it with cat.
 *
 * @param label            the backup's label ({@link ArchiveLayout#labelAt}), also its directory's name
 * @param started          when pg_basebackup started
 * @param finished         when pg_basebackup finished: the backup is consistent at its end LSN, which the standby
 *                         had replayed by then, so this is the earliest time a restore from it can reach
 * @param startLsn         the backup's start WAL location (backup_label's START WAL LOCATION)
 * @param endLsn           its end WAL location (backup_manifest's WAL-Ranges End-LSN)
 * @param timeline         the timeline it was taken on
 * @param systemIdentifier the cluster's system identifier (prod's, on a standby): a restore checks it
 * @param bytes            the size of the backup on disk
 */
public record BackupRecord(String label, Instant started, Instant finished, Lsn startLsn, Lsn endLsn, int timeline,
                           String systemIdentifier, long bytes) {
    public BackupRecord {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(startLsn, "startLsn");
        Objects.requireNonNull(endLsn, "endLsn");
        Objects.requireNonNull(systemIdentifier, "systemIdentifier");
        if (ArchiveLayout.startOf(label).isEmpty()) {
            throw new IllegalArgumentException("not a base backup label: " + label);
        }
    }

    public byte[] toBytes() {
        StringBuilder out = new StringBuilder("# odoo-dr base backup record: the backup in data/ passed pg_verifybackup\n");
        fields().forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("label", label);
        f.put("started", started.toString());
        f.put("finished", finished.toString());
        f.put("start_lsn", startLsn.toString());
        f.put("end_lsn", endLsn.toString());
        f.put("timeline", String.valueOf(timeline));
        f.put("system_identifier", systemIdentifier);
        f.put("bytes", String.valueOf(bytes));
        return f;
    }

    /** Reads a record; a damaged one is an {@link IllegalArgumentException} naming what is wrong. */
    public static BackupRecord parse(byte[] content) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                f.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        try {
            return new BackupRecord(required(f, "label"), Instant.parse(required(f, "started")),
                    Instant.parse(required(f, "finished")), Lsn.parse(required(f, "start_lsn")),
                    Lsn.parse(required(f, "end_lsn")), Integer.parseInt(required(f, "timeline")),
                    required(f, "system_identifier"), Long.parseLong(required(f, "bytes")));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("damaged base backup record: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("damaged base backup record: no " + key);
        }
        return value;
    }
}
