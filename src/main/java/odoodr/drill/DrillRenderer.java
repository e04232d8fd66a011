package odoodr.drill;

import odoodr.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The drill's report as text (for people) and as JSON ({@code --output json}, schema odoo-dr.drill/1). Format only. */
public final class DrillRenderer {
    private DrillRenderer() {
    }

    public static String text(DrillReport r) {
        StringBuilder b = new StringBuilder();
        b.append("drill: ").append(r.passed() ? "PASSED" : "FAILED").append(" (copy ").append(r.copy())
                .append(r.port() > 0 ? " on 127.0.0.1:" + r.port() : "").append(")\n");
        r.failure().ifPresent(f -> b.append("  failed in ").append(r.failedPhase().orElse("?")).append(": ")
                .append(f).append('\n'));
        r.backup().ifPresent(x -> b.append("  from backup:  ").append(x).append('\n'));
        r.target().ifPresent(x -> b.append("  recovered to: ").append(x).append('\n'));
        for (Neutralizer.Result n : r.neutralized()) {
            b.append("  neutralized ").append(n.database()).append(" (").append(n.how()).append("):\n");
            n.changes().forEach(c -> b.append("    - ").append(c).append('\n'));
        }
        r.checks().forEach(c -> b.append("  checked: ").append(c).append('\n'));
        r.checkOutput().ifPresent(o -> {
            b.append("  drill.check_command: exit ").append(o.exitCode()).append(o.passed() ? " (passed)" : " (FAILED)")
                    .append(o.output().isEmpty() ? ", no output\n" : ", output:\n");
            o.output().lines().forEach(l -> b.append("    | ").append(l).append('\n'));
        });
        b.append("  phase        seconds\n");
        r.phases().forEach((phase, s) -> b.append(String.format(Locale.ROOT, "  %-12s %7.1f%n", phase, s)));
        if (r.kept() && r.port() > 0) {
            b.append("  kept (--keep): psql -h 127.0.0.1 -p ").append(r.port()).append(" …; remove it with: odoo-dr")
                    .append(" restore --drop ").append(r.copy()).append('\n');
        } else if (r.port() > 0) {
            b.append("  removed: the copy's cluster, data directory and log; port ").append(r.port())
                    .append(" is free again\n");
        }
        return b.toString();
    }

    public static String json(DrillReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "odoo-dr.drill/1");
        m.put("result", r.passed() ? "passed" : "failed");
        m.put("failure", r.failure().orElse(null));
        m.put("failed_phase", r.failedPhase().orElse(null));
        m.put("copy", r.copy());
        m.put("port", r.port() > 0 ? r.port() : null);
        m.put("started", r.started().toString());
        m.put("ended", r.ended().toString());
        m.put("backup", r.backup().orElse(null));
        m.put("target", r.target().orElse(null));
        m.put("phases_seconds", new LinkedHashMap<>(r.phases()));
        m.put("neutralized", r.neutralized().stream().map(n -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("database", n.database());
            d.put("how", n.how());
            d.put("changes", n.changes());
            return d;
        }).toList());
        m.put("checks", r.checks());
        m.put("check_command", r.checkOutput().map(o -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("exit_code", o.exitCode());
            c.put("output", o.output());
            return (Object) c;
        }).orElse(null));
        m.put("kept", r.kept());
        return Json.write(m);
    }

    static List<String> phaseNames() {
        return List.of("copy", "recovery", "neutralize", "verify", "check", "total");
    }
}
