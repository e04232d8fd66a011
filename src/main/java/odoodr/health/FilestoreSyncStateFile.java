package odoodr.health;

import odoodr.config.Config;
import odoodr.json.Json;
import odoodr.host.AtomicFile;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place and format of the filestore sync state, {@code /var/lib/odoo-dr/<replica>/filestore-<db>.json}:
 * {@code filestore.sync} writes it after every pass (with its own details after the schema's keys), health and
 * {@code status} read it. One JSON object per database (schema 1):
 * <pre>
 * {
 *   "schema": 1,
 *   "database": "odoo",
 *   "last_success": "2025-11-25T19:40:12Z",   // ISO-8601 UTC, or null before the first successful pass
 *   "last_attempt": "2025-11-25T19:40:17Z",   // ISO-8601 UTC, or null
 *   "last_error": null,                       // one line, or null when the last pass succeeded
 *   "backlog": 0,                             // attachments on the standby not yet here
 *   "missing_on_prod": 0,                     // attachments on the standby whose file prod lacks
 *   "corrupt_on_prod": ["ab/ab12…"]           // store_fnames whose bytes on prod are not their checksum;
 *                                             //   optional (absent: none)
 * }
 * </pre>
 * Readers ignore fields they do not know, so the writer may add some; a change of meaning needs a new schema number.
 * Written atomically (readers never see half a file), mode 0644: it holds no secret.
 */
public final class FilestoreSyncStateFile {
    public static final int SCHEMA = 1;
    public static final Path BASE = Path.of("/var/lib/odoo-dr");

    private FilestoreSyncStateFile() {
    }

    /**
     * {@code /var/lib/odoo-dr/<replica name>}: per replica, so that two replicas on one machine (or two tests)
     * mirroring databases of the same name never read each other's state.
     */
    public static Path directory(Config config) {
        return BASE.resolve(config.replica().name());
    }

    public static Path path(Path directory, String database) {
        return directory.resolve("filestore-" + database + ".json");
    }

    /** The state at {@code path}; empty when the file does not exist (the sync has not run). */
    public static Optional<FilestoreSyncState> read(Path path) throws IOException {
        Optional<Map<?, ?>> fields = readFields(path);
        return fields.isEmpty() ? Optional.empty() : Optional.of(state(fields.get()));
    }

    /** For health: the state of {@code database}, or why it could not be read. */
    static Measured<Optional<FilestoreSyncState>> measure(Config config, String database) {
        Path file = path(directory(config), database);
        try {
            return Measured.of(read(file));
        } catch (IOException e) {
            return Measured.failed("cannot read " + file + ": " + e.getMessage(),
                    "the agent's filestore sync rewrites it after its next pass");
        }
    }

    public static void write(Path path, FilestoreSyncState state) throws IOException {
        write(path, state, Map.of());
    }

    /**
     * Writes the state, then the writer's {@code details} (keys this schema does not define, which readers ignore).
     * Atomically, so a reader never sees half a document; no secret in it, so readable by whoever runs status.
     */
    public static void write(Path path, FilestoreSyncState state, Map<String, Object> details) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        AtomicFile.write(path, toJson(state, details).getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r--r--"), Optional.empty());
    }

    public static String toJson(FilestoreSyncState s, Map<String, Object> details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("database", s.database());
        m.put("last_success", s.lastSuccess() == null ? null : s.lastSuccess().toString());
        m.put("last_attempt", s.lastAttempt() == null ? null : s.lastAttempt().toString());
        m.put("last_error", s.lastError());
        m.put("backlog", s.backlog());
        m.put("missing_on_prod", s.missingOnProd());
        m.put("corrupt_on_prod", s.corruptOnProd());
        details.forEach((key, value) -> {
            if (m.containsKey(key)) {
                throw new IllegalArgumentException(key + " is a key of the schema, not a detail");
            }
            m.put(key, value);
        });
        return Json.write(m);
    }

    /**
     * Every field of the state at {@code path}, the writer's details included (the attachment sync resumes from
     * its own); empty when the file does not exist.
     *
     * @throws IOException when it is not a schema-1 state
     */
    public static Optional<Map<?, ?>> readFields(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(fields(text));
    }

    /** @throws IOException when the text is not a schema-1 state (the message says what is wrong) */
    public static FilestoreSyncState parse(String json) throws IOException {
        return state(fields(json));
    }

    private static FilestoreSyncState state(Map<?, ?> map) throws IOException {
        try {
            return new FilestoreSyncState(text(map, "database", true), instant(map, "last_success"),
                    instant(map, "last_attempt"), text(map, "last_error", false), count(map, "backlog"),
                    count(map, "missing_on_prod"), names(map, "corrupt_on_prod"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(e.getMessage());
        }
    }

    private static Map<?, ?> fields(String json) throws IOException {
        Object root;
        try {
            // JSON is YAML 1.2; a raw tab can only be whitespace in JSON, which YAML refuses as indentation
            root = new Load(LoadSettings.builder().build()).loadFromString(json.replace('\t', ' '));
        } catch (YamlEngineException e) {
            throw new IOException("not valid JSON");
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IOException("not a JSON object");
        }
        if (!(map.get("schema") instanceof Number n) || n.intValue() != SCHEMA) {
            throw new IOException("schema is " + map.get("schema") + ", expected " + SCHEMA);
        }
        return map;
    }

    private static String text(Map<?, ?> map, String key, boolean required) throws IOException {
        Object v = map.get(key);
        if (v == null && !required) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IOException(key + " must be a string");
        }
        return s;
    }

    private static Instant instant(Map<?, ?> map, String key) throws IOException {
        String text = text(map, key, false);
        return text == null ? null : Instant.parse(text);
    }

    /** An optional list of strings: absent (a state written before the key existed) is empty. */
    private static java.util.List<String> names(Map<?, ?> map, String key) throws IOException {
        Object v = map.get(key);
        if (v == null) {
            return java.util.List.of();
        }
        if (!(v instanceof java.util.List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IOException(key + " must be a list of store_fnames");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static long count(Map<?, ?> map, String key) throws IOException {
        if (!(map.get(key) instanceof Number n) || n.longValue() < 0) {
            throw new IOException(key + " must be a number of attachments");
        }
        return n.longValue();
    }
}
