package odoodr.restore;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One restored copy as {@code restore --list} shows it.
 *
 * @param name    its name ({@code odoodr_restore_<name>})
 * @param label   its Debian cluster, {@code 15/odoodr_restore_<name>}
 * @param port    its port
 * @param running whether its server runs
 * @param record  what restore wrote about it (target, backup, reached), when readable
 */
public record RestoredCopy(RestoreName name, String label, int port, boolean running, Optional<Record> record) {
    public static final String RECORD_FILE = "odoo-dr-restore.properties";

    /** What restore noted about a copy, beside its configuration. */
    public record Record(String target, String backup, String reached, String restoredAt) {
        public byte[] toBytes() {
            StringBuilder out = new StringBuilder("# odoo-dr restore: what this cluster was recovered to\n");
            fields().forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        Map<String, String> fields() {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("target", target);
            f.put("backup", backup);
            f.put("reached", reached);
            f.put("restored_at", restoredAt);
            return f;
        }

        public static Record parse(byte[] content) {
            Map<String, String> f = new LinkedHashMap<>();
            for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    f.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            return new Record(f.getOrDefault("target", "?"), f.getOrDefault("backup", "?"),
                    f.getOrDefault("reached", "?"), f.getOrDefault("restored_at", "?"));
        }
    }
}
