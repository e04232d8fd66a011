package odoodr.output;

import odoodr.json.Json;
import odoodr.health.HealthCheck;
import odoodr.health.HealthReport;
import odoodr.health.Measurement;
import odoodr.health.Thresholds;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The report for scripts and the agent's {@code /status.json}. Schema 1, stable: every key is always present (null
 * when it has no value), keys are added but never renamed or removed, and a change of meaning bumps "schema".
 * <pre>
 * {
 *   "schema": 1,
 *   "replica": "prd-vnic",                 // replica.name
 *   "time": "2025-11-25T19:40:12Z",        // when the checks ran, UTC, whole seconds
 *   "status": "OK",                        // overall: OK | WARNING | CRITICAL | UNKNOWN (the worst check)
 *   "status_code": 0,                      // 0..3, as Nagios
 *   "checks": [                            // fixed order; "id" (+ "database") is unique
 *     {
 *       "id": "replay_lag",                // stable name (also the Prometheus metric stem)
 *       "database": null,                  // the Odoo database of a per-database check, else null
 *       "label": "replay lag",
 *       "status": "OK",
 *       "status_code": 0,
 *       "value": 0,                        // number, or null when not measured
 *       "unit": "seconds",                 // bytes | seconds | boolean (1/0) | count | ratio (0..1); null with no value
 *       "thresholds": {"warning": 30, "critical": 300, "low_is_bad": false},   // or null
 *       "detail": "everything received is replayed (0/3000148)",
 *       "hint": null                       // what to do, or null
 *     }
 *   ]
 * }
 * </pre>
 */
public final class JsonRenderer {
    public static final int SCHEMA = 1;

    public String render(HealthReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("replica", report.replica());
        root.put("time", report.time().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("status", report.overall().name());
        root.put("status_code", report.overall().code());
        root.put("checks", report.checks().stream().map(JsonRenderer::check).toList());
        return Json.write(root);
    }

    private static Map<String, Object> check(HealthCheck c) {
        Measurement v = c.value();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("database", c.database());
        m.put("label", c.label());
        m.put("status", c.status().name());
        m.put("status_code", c.status().code());
        m.put("value", v == null ? null : number(v.value()));
        m.put("unit", v == null ? null : v.unit().name().toLowerCase(Locale.ROOT));
        m.put("thresholds", v == null || v.thresholds() == null ? null : thresholds(v.thresholds()));
        m.put("detail", c.detail());
        m.put("hint", c.hint());
        return m;
    }

    private static Map<String, Object> thresholds(Thresholds t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warning", number(t.warning()));
        m.put("critical", number(t.critical()));
        m.put("low_is_bad", t.lowIsBad());
        return m;
    }

    /** Whole numbers as integers (byte counts beyond 2^53 are not a concern here). */
    private static Number number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) (long) d : (Number) d;
    }
}
