package odoodr.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The commented config that {@code odoo-dr init} writes: every key of DESIGN.md §6 explained in the runbook's words,
 * with its default or the value given. The comments live in the resource {@value #RESOURCE}; values are filled in
 * here, quoted for YAML when needed, so that any value round-trips (a hostile one then fails to load, loudly).
 */
public final class ConfigTemplate {
    public static final String RESOURCE = "odoo-dr.yaml.template";
    private static final Pattern PLACEHOLDER = Pattern.compile("%\\{([a-z_.]+)}");
    /** Text the loader reads as-is, unquoted; anything else is double-quoted. ({@code %} only after the start: 10%.) */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./@+:%-]*");
    private static final Set<String> YAML_NULLS = Set.of("null", "Null", "NULL", "~");

    private ConfigTemplate() {
    }

    /** The template with this host's short name as replica.name. */
    public static String render(Map<String, String> overrides) {
        return render(overrides, ShortHostname.detect());
    }

    /**
     * @param overrides     values by key path ({@link ConfigKeys}), e.g. {@code prod.ssh.host → prod.example.com};
     *                      {@code databases} is comma-separated; "" leaves a key empty (its default applies)
     * @param shortHostname the default replica.name, written out so that the slot name stays put if the host is renamed
     */
    public static String render(Map<String, String> overrides, String shortHostname) {
        return render(overrides, shortHostname, Map.of());
    }

    /**
     * As {@link #render(Map, String)}, with one extra comment line right above each key named in {@code comments}
     * (e.g. {@code prod.pg_port → "discovered: docker inspect deploy-db-1 NetworkSettings.Ports"}), indented like
     * the key; "# " is prepended, line breaks and other control characters become spaces.
     */
    public static String render(Map<String, String> overrides, String shortHostname, Map<String, String> comments) {
        Set<String> unknown = new HashSet<>(overrides.keySet());
        unknown.addAll(comments.keySet());
        unknown.removeAll(ConfigKeys.VALUES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not config keys: " + unknown);
        }
        Map<String, String> values = new LinkedHashMap<>(defaults(shortHostname));
        values.putAll(overrides);
        Matcher m = PLACEHOLDER.matcher(withComments(template(), comments));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            if (!values.containsKey(key)) {
                throw new IllegalStateException(RESOURCE + " names an unknown key: " + key);
            }
            String text = key.equals(ConfigKeys.DATABASES) ? yamlList(values.get(key)) : yamlScalar(values.get(key));
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        // an empty value leaves "key: " behind; trailing blanks are noise in diffs
        return out.toString().lines().map(String::stripTrailing).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String withComments(String template, Map<String, String> comments) {
        if (comments.isEmpty()) {
            return template;
        }
        StringBuilder out = new StringBuilder();
        for (String line : template.split("\n", -1)) {
            Matcher m = PLACEHOLDER.matcher(line);
            if (m.find() && comments.containsKey(m.group(1))) {
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                String text = comments.get(m.group(1)).codePoints()
                        .map(cp -> Character.isISOControl(cp) || cp == '\u2028' || cp == '\u2029' ? ' ' : cp)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
                // the comment is pasted in before the placeholders are replaced: it must not read as one
                out.append(indent).append("# ").append(text.replace("%{", "% {").strip()).append('\n');
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** The value each key shows when init is given none: its default, or empty when it has none. */
    static Map<String, String> defaults(String shortHostname) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(ConfigKeys.REPLICA_NAME, usableReplicaName(shortHostname));
        d.put(ConfigKeys.REPLICA_TUNNEL_PORT, String.valueOf(ReplicaConfig.DEFAULT_TUNNEL_PORT));
        d.put(ConfigKeys.PROD_SSH_USER, ProdSshConfig.DEFAULT_USER);
        d.put(ConfigKeys.PROD_SSH_HOST, "");
        d.put(ConfigKeys.PROD_SSH_PORT, String.valueOf(ProdSshConfig.DEFAULT_PORT));
        d.put(ConfigKeys.PROD_SSH_IDENTITY_FILE, "");
        d.put(ConfigKeys.PROD_SSH_KNOWN_HOSTS, "");
        d.put(ConfigKeys.PROD_SSH_HOST_KEY_FINGERPRINT, "");
        d.put(ConfigKeys.PROD_PG_PORT, String.valueOf(ProdConfig.DEFAULT_PG_PORT));
        d.put(ConfigKeys.PROD_SUPERUSER, ProdConfig.DEFAULT_SUPERUSER);
        d.put(ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE, "");
        d.put(ConfigKeys.PROD_FILESTORE_PATH, "");
        d.put(ConfigKeys.PROD_CONTAINER, "");
        d.put(ConfigKeys.PROD_DATA_DISK_PATH, ProdConfig.DEFAULT_DATA_DISK_PATH.toString());
        d.put(ConfigKeys.POSTGRES_MAJOR, String.valueOf(PostgresConfig.DEFAULT_MAJOR));
        d.put(ConfigKeys.POSTGRES_CLUSTER, PostgresConfig.DEFAULT_CLUSTER);
        d.put(ConfigKeys.POSTGRES_PORT, String.valueOf(PostgresConfig.DEFAULT_PORT));
        d.put(ConfigKeys.POSTGRES_HOT_STANDBY_FEEDBACK, String.valueOf(PostgresConfig.DEFAULT_HOT_STANDBY_FEEDBACK));
        d.put(ConfigKeys.POSTGRES_REPLICATION_USER, PostgresConfig.DEFAULT_REPLICATION_USER);
        d.put(ConfigKeys.DATABASES, String.join(",", Config.DEFAULT_DATABASES));
        d.put(ConfigKeys.FILESTORE_LOCAL_BASE, FilestoreConfig.DEFAULT_LOCAL_BASE.toString());
        d.put(ConfigKeys.FILESTORE_FULL_SYNC_INTERVAL, DurationValue.format(FilestoreConfig.DEFAULT_FULL_SYNC_INTERVAL));
        d.put(ConfigKeys.FILESTORE_SYNC_INTERVAL, DurationValue.format(FilestoreConfig.DEFAULT_SYNC_INTERVAL));
        d.put(ConfigKeys.AGENT_LISTEN, AgentConfig.DEFAULT_LISTEN.toString());
        d.put(ConfigKeys.AGENT_LISTEN_BEYOND_LOOPBACK, "false");
        d.putAll(healthDefaults());
        // a new replica gets recovery points; a config without the section (written before it existed) does not
        d.put(ConfigKeys.ARCHIVE_ENABLED, "true");
        d.put(ConfigKeys.ARCHIVE_DIRECTORY, "");
        d.put(ConfigKeys.ARCHIVE_RETENTION, DurationValue.format(ArchiveConfig.DEFAULT_RETENTION));
        d.put(ConfigKeys.ARCHIVE_BASE_BACKUP_INTERVAL, DurationValue.format(ArchiveConfig.DEFAULT_BASE_BACKUP_INTERVAL));
        d.put(ConfigKeys.DRILL_ODOO_BIN, "");
        d.put(ConfigKeys.DRILL_CHECK_COMMAND, "");
        d.put(ConfigKeys.DRILL_MAX_AGE, DurationValue.format(DrillConfig.DEFAULT_MAX_AGE));
        d.put(ConfigKeys.DRILL_SCHEDULE, DrillConfig.OFF);
        return d;
    }

    private static Map<String, String> healthDefaults() {
        HealthConfig h = HealthConfig.DEFAULTS;
        Map<String, String> d = new LinkedHashMap<>();
        d.put(ConfigKeys.HEALTH_LAG_WARNING, DurationValue.format(h.lagWarning()));
        d.put(ConfigKeys.HEALTH_LAG_CRITICAL, DurationValue.format(h.lagCritical()));
        d.put(ConfigKeys.HEALTH_LAG_BYTES_WARNING, ByteSizeValue.format(h.lagBytesWarning()));
        d.put(ConfigKeys.HEALTH_LAG_BYTES_CRITICAL, ByteSizeValue.format(h.lagBytesCritical()));
        d.put(ConfigKeys.HEALTH_SLOT_RETAINED_WARNING, ByteSizeValue.format(h.slotRetainedWarning()));
        d.put(ConfigKeys.HEALTH_SLOT_RETAINED_CRITICAL, ByteSizeValue.format(h.slotRetainedCritical()));
        d.put(ConfigKeys.HEALTH_DISK_FREE_WARNING, PercentValue.format(h.diskFreeWarning()));
        d.put(ConfigKeys.HEALTH_DISK_FREE_CRITICAL, PercentValue.format(h.diskFreeCritical()));
        d.put(ConfigKeys.HEALTH_FILESTORE_AGE_WARNING, DurationValue.format(h.filestoreAgeWarning()));
        d.put(ConfigKeys.HEALTH_FILESTORE_AGE_CRITICAL, DurationValue.format(h.filestoreAgeCritical()));
        return d;
    }

    /** A host name that cannot be a replica name is left out, so the loader reports it at the name's line. */
    private static String usableReplicaName(String shortHostname) {
        try {
            return shortHostname == null ? "" : ConfigBinder.replicaName(shortHostname);
        } catch (InvalidValueException e) {
            return "";
        }
    }

    static String yamlList(String commaSeparated) {
        if (commaSeparated.isBlank()) {
            return "[]";
        }
        String[] items = commaSeparated.split(",", -1);
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.length; i++) {
            out.append(i == 0 ? "" : ", ").append(quoted(items[i].strip()));
        }
        return out.append(']').toString();
    }

    /** Plain when the loader would read the text back unchanged, else double-quoted; "" stays empty (= default). */
    static String yamlScalar(String value) {
        return value.isEmpty() ? "" : quoted(value);
    }

    private static String quoted(String value) {
        if (PLAIN.matcher(value).matches() && !value.endsWith(":") && !YAML_NULLS.contains(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.isISOControl(cp) || cp == '\u2028' || cp == '\u2029' || cp == '\uFEFF') {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static String template() {
        try (InputStream in = ConfigTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
