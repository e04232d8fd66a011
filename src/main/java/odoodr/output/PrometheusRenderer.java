package odoodr.output;

import odoodr.health.HealthCheck;
import odoodr.health.HealthReport;
import odoodr.health.Measurement;
import odoodr.units.Decimal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prometheus text exposition format (0.0.4), every family a gauge with HELP and TYPE (DESIGN.md §9):
 * <ul>
 *   <li>{@code odoo_dr_status}: the overall status, 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN;</li>
 *   <li>{@code odoo_dr_check_status{check="<id>"}} (plus {@code database="<db>"} for per-database checks): each
 *       check's status, same codes;</li>
 *   <li>{@code odoo_dr_<id><unit>}: each measured value, the unit in the name ({@code _bytes}, {@code _seconds},
 *       {@code _ratio}; booleans as 0/1 and counts have none), e.g. {@code odoo_dr_replay_lag_seconds},
 *       {@code odoo_dr_slot_retained_bytes}, {@code odoo_dr_tunnel_up}; a value that was not measured has no
 *       sample (absent, not 0);</li>
 *   <li>{@code odoo_dr_report_timestamp_seconds}: when the checks ran; {@code odoo_dr_info{replica="..."}} 1.</li>
 * </ul>
 */
public final class PrometheusRenderer {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PREFIX = "odoo_dr_";

    public String render(HealthReport report) {
        StringBuilder out = new StringBuilder();
        family(out, "status", "Overall status of this replica: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
                List.of(sample("", report.overall().code())));
        List<String> statuses = new ArrayList<>();
        for (HealthCheck c : report.checks()) {
            statuses.add(sample(labels(c, true), c.status().code()));
        }
        family(out, "check_status", "Status of each check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.", statuses);

        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        for (HealthCheck c : report.checks()) {
            Measurement m = c.value();
            if (m == null) {
                continue;
            }
            String name = c.id() + m.unit().suffix();
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(sample(labels(c, false), m.value()));
            help.putIfAbsent(name, helpOf(c, m));
        }
        values.forEach((name, samples) -> family(out, name, help.get(name), samples));

        family(out, "report_timestamp_seconds", "When the checks of this report ran (Unix time).",
                List.of(sample("", report.time().toEpochMilli() / 1000.0)));
        family(out, "info", "This replica (replica.name).",
                List.of(sample("{replica=\"" + labelValue(report.replica()) + "\"}", 1)));
        return out.toString();
    }

    private static String helpOf(HealthCheck c, Measurement m) {
        String label = c.database() == null ? c.label() : c.label().replace(c.database() + ": ", "");
        return switch (m.unit()) {
            case BOOLEAN -> label + " (1 yes, 0 no).";
            case RATIO -> label + " (fraction, 0 to 1).";
            default -> label + " (" + m.unit().name().toLowerCase(Locale.ROOT) + ").";
        };
    }

    private static void family(StringBuilder out, String name, String help, List<String> samples) {
        if (samples.isEmpty()) {
            return;
        }
        out.append("# HELP ").append(PREFIX).append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(PREFIX).append(name).append(" gauge\n");
        for (String s : samples) {
            out.append(PREFIX).append(name).append(s).append('\n');
        }
    }

    private static String labels(HealthCheck c, boolean withCheck) {
        List<String> pairs = new ArrayList<>();
        if (withCheck) {
            pairs.add("check=\"" + labelValue(c.id()) + "\"");
        }
        c.findDatabase().ifPresent(db -> pairs.add("database=\"" + labelValue(db) + "\""));
        return pairs.isEmpty() ? "" : "{" + String.join(",", pairs) + "}";
    }

    private static String sample(String labels, double value) {
        return labels + " " + Decimal.plain(value, 6);
    }

    private static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String labelValue(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
