package odoodr.health;

import odoodr.process.Redactor;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The result of one check: what was checked, how it stands, the number behind it and the evidence.
 *
 * @param id       stable snake_case name, also the metric's stem ({@code odoo_dr_<id><unit suffix>}); a public
 *                 contract like the config keys: add ids, never rename one
 * @param database the Odoo database of a per-database check (filestore rows), else null
 * @param label    what is checked, for people: "tunnel to prod's PostgreSQL"
 * @param value    the measured number, or null when there is none (not measurable now, or a check of a state)
 * @param detail   the evidence in one line ("streaming from 127.0.0.1:40000"), or why it could not be measured
 * @param hint     what to do next, or null
 */
public record HealthCheck(String id, String database, String label, CheckStatus status, Measurement value,
                          String detail, String hint) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    public HealthCheck {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("check id must be snake_case: " + id);
        }
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : oneLine(detail);
        hint = hint == null || hint.isBlank() ? null : oneLine(hint);
    }

    /** {@code id}, or {@code id/database} for a per-database check: unique within a report. */
    public String key() {
        return database == null ? id : id + "/" + database;
    }

    public Optional<String> findDatabase() {
        return Optional.ofNullable(database);
    }

    public Optional<Measurement> findValue() {
        return Optional.ofNullable(value);
    }

    public Optional<String> findHint() {
        return Optional.ofNullable(hint);
    }

    /**
     * Evidence and hints come from servers and exceptions: one line each, whatever they said, and any secret odoo-dr
     * knows of masked (every rendering starts from here).
     */
    private static String oneLine(String s) {
        return Redactor.redact(s.strip().replaceAll("\\s*\\R\\s*", " | "));
    }
}
