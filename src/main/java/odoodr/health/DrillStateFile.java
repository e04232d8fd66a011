package odoodr.health;

import odoodr.config.Config;
import odoodr.host.AtomicFile;
import odoodr.json.Json;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place and format of the drill state, {@code /var/lib/odoo-dr/<replica>/drill.json} beside the filestore
 * sync's state: the drill writes it at its end, health and {@code status} read it. Schema 1:
 * <pre>
 * {"schema": 1, "last_attempt": "2026-…Z", "result": "passed" | "failed", "failure": null | "one line",
 *  "copy": "drill_20261203_174000", "last_success": null | "2026-…Z",
 *  "phases_seconds": {"copy": 1.2, "recovery": 3.4, "neutralize": 0.1, "verify": 0.2, "check": 0, "total": 5.0}}
 * </pre>
 * Written atomically, mode 0600 (root's, like the agent's other state: a failure line may quote a check's output).
 */
public final class DrillStateFile {
    public static final int SCHEMA = 1;

    private DrillStateFile() {
    }

    public static Path path(Config config) {
        return FilestoreSyncStateFile.directory(config).resolve("drill.json");
    }

    public static Optional<DrillRecord> read(Path path) throws IOException {
        try {
            return Optional.of(parse(Files.readString(path, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** For health: the record, or why it could not be read. */
    static Measured<Optional<DrillRecord>> measure(Config config) {
        Path file = path(config);
        try {
            return Measured.of(read(file));
        } catch (IOException e) {
            return Measured.failed("cannot read " + file + ": " + e.getMessage(), "the next odoo-dr drill rewrites it");
        }
    }

    public static void write(Path path, DrillRecord r) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        AtomicFile.write(path, toJson(r).getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_READ_WRITE, Optional.empty());
    }

    public static String toJson(DrillRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("last_attempt", r.lastAttempt().toString());
        m.put("result", r.passed() ? "passed" : "failed");
        m.put("failure", r.failure().orElse(null));
        m.put("copy", r.copy());
        m.put("last_success", r.lastSuccess().map(Instant::toString).orElse(null));
        m.put("phases_seconds", new LinkedHashMap<>(r.phases()));
        return Json.write(m);
    }

    /** @throws IOException when the text is not a schema-1 drill state (the message says what is wrong) */
    public static DrillRecord parse(String json) throws IOException {
        Object root;
        try {
            root = new Load(LoadSettings.builder().build()).loadFromString(json.replace('\t', ' '));
        } catch (YamlEngineException e) {
            throw new IOException("not valid JSON");
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get("schema") instanceof Number n) || n.intValue() != SCHEMA) {
            throw new IOException("not a schema-" + SCHEMA + " drill state");
        }
        try {
            Map<String, Double> phases = new LinkedHashMap<>();
            if (map.get("phases_seconds") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> phases.put(String.valueOf(k), ((Number) v).doubleValue()));
            }
            return new DrillRecord(Instant.parse((String) map.get("last_attempt")), "passed".equals(map.get("result")),
                    Optional.ofNullable((String) map.get("failure")), String.valueOf(map.get("copy")), phases,
                    Optional.ofNullable((String) map.get("last_success")).map(Instant::parse));
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new IOException("a field has the wrong type: " + e.getMessage());
        }
    }
}
