package odoodr.restore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What pg_controldata says about a copied base backup that the copy's settings depend on: the limits a hot standby
 * needs at least as high as the WAL's origin (else it refuses to recover: "hot standby is not possible because ...")
 * and the WAL segment size. Pure: parses pg_controldata's output.
 */
public record ControlData(Map<String, String> primaryLimits, long segmentBytes, Optional<String> systemIdentifier) {
    /** pg_controldata's label → the setting it records. */
    private static final Map<String, String> LIMITS = Map.of(
            "max_connections setting", "max_connections",
            "max_worker_processes setting", "max_worker_processes",
            "max_wal_senders setting", "max_wal_senders",
            "max_prepared_xacts setting", "max_prepared_transactions",
            "max_locks_per_xact setting", "max_locks_per_transaction");

    public static ControlData parse(String output) {
        Map<String, String> limits = new LinkedHashMap<>();
        long segment = WalSegments.DEFAULT_SEGMENT_BYTES;
        String system = null;
        for (String line : output.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (LIMITS.containsKey(key) && value.matches("\\d+")) {
                limits.put(LIMITS.get(key), value);
            } else if (key.equals("Bytes per WAL segment") && value.matches("\\d+")) {
                segment = Long.parseLong(value);
            } else if (key.equals("Database system identifier")) {
                system = value;
            }
        }
        return new ControlData(Map.copyOf(limits), segment, Optional.ofNullable(system));
    }
}
