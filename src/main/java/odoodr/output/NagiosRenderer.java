package odoodr.output;

import odoodr.health.CheckStatus;
import odoodr.health.HealthCheck;
import odoodr.health.HealthReport;
import odoodr.health.Measurement;
import odoodr.health.Thresholds;
import odoodr.units.Decimal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line for Nagios/Icinga (monitoring plugins guidelines): {@code ODOO-DR <STATUS> - <summary> | <perfdata>},
 * exit code = the overall status's code (0..3). The summary names the checks that have the overall status, with
 * their evidence, and counts the milder problems; perfdata has every check with its thresholds, {@code U} where
 * nothing was measured.
 */
public final class NagiosRenderer {
    public String render(HealthReport report) {
        CheckStatus overall = report.overall();
        List<HealthCheck> problems = report.problems();
        String summary;
        if (problems.isEmpty()) {
            summary = report.replica() + ": all " + report.checks().size() + " checks OK";
        } else {
            // the checks that make the status, with their evidence; the milder ones only counted
            summary = report.replica() + ": " + problems.stream().filter(c -> c.status() == overall)
                    .map(c -> c.label() + ": " + c.detail()).collect(Collectors.joining("; "));
            Map<CheckStatus, Long> others = problems.stream().filter(c -> c.status() != overall)
                    .collect(Collectors.groupingBy(HealthCheck::status, () -> new EnumMap<>(CheckStatus.class),
                            Collectors.counting()));
            if (!others.isEmpty()) {
                summary += " (also " + others.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name())
                        .collect(Collectors.joining(", ")) + ")";
            }
        }
        List<String> perf = new ArrayList<>();
        for (HealthCheck c : report.checks()) {
            perf.add(perfdata(c));
        }
        return "ODOO-DR " + overall.name() + " - " + text(summary) + " | " + String.join(" ", perf) + "\n";
    }

    public int exitCode(HealthReport report) {
        return report.overall().code();
    }

    /** The text part may not contain '|' (it starts the perfdata) nor a line break. */
    private static String text(String s) {
        return s.replace('|', '/').replaceAll("\\R", " ");
    }

    /** {@code 'label'=value[UOM];[warn];[crit];[min];[max]}; the label quoted only when it must be. */
    static String perfdata(HealthCheck c) {
        String label = c.key();
        if (!label.matches("[A-Za-z0-9_/.-]+")) {
            label = "'" + label.replace("'", "") + "'";
        }
        Measurement m = c.value();
        if (m == null) {
            return label + "=U";
        }
        double scale = 1;
        String uom = "";
        String max = "";
        switch (m.unit()) {
            case SECONDS -> uom = "s";
            case BYTES -> uom = "B";
            case RATIO -> {
                uom = "%";
                scale = 100;
                max = "100";
            }
            case BOOLEAN -> max = "1";
            case COUNT -> uom = "";
        }
        Thresholds t = m.thresholds();
        String warn = t == null ? "" : range(t.warning() * scale, t.lowIsBad());
        String crit = t == null ? "" : range(t.critical() * scale, t.lowIsBad());
        String data = label + "=" + Decimal.plain(m.value() * scale, 3) + uom + ";" + warn + ";" + crit + ";0;" + max;
        return data.replaceAll(";+$", "");
    }

    /** Alert above {@code v} is the plain number; alert below it is {@code v:} (OK from v upwards). */
    private static String range(double v, boolean alertBelow) {
        return Decimal.plain(v, 3) + (alertBelow ? ":" : "");
    }
}
