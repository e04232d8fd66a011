package odoodr.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The monitoring kit the package ships ({@code packaging/monitoring/}): the alert rules pass Prometheus's own
 * {@code promtool check rules} and the rule unit tests ({@code promtool test rules}: each alert fires on the series
 * that should fire it, after its {@code for}, and not on a healthy replica); the Grafana dashboard is valid JSON whose
 * panels all query odoo-dr's metrics. That every name the kit uses is one the agent really serves is proven end to
 * end by {@code e2e.AgentLabTest} against a live agent ({@link #metricNames()}, {@link #checkNames()}).
 */
public class MonitoringKitLiveTest {
    public static final Path KIT = Path.of("packaging/monitoring");
    public static final Path RULES = KIT.resolve("odoo-dr-alerts.yml");
    public static final Path RULE_TESTS = KIT.resolve("odoo-dr-alerts.test.yml");
    public static final Path DASHBOARD = KIT.resolve("odoo-dr-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\bodoo_dr_[a-z_]+");
    private static final Pattern CHECK = Pattern.compile("check(?:=~|!~|=)\"([a-z_|]+)\"");

    @BeforeAll
    static void needsPromtool() {
        assumeTrue(!Boolean.parseBoolean(System.getProperty("odoodr.skipLab", "false")), "-Dodoodr.skipLab=true");
        assertThat(Path.of("/usr/bin/promtool")).as("promtool (Debian's prometheus package; scripts/install-deps)")
                .isExecutable();
    }

    @Test
    void theRulesPassPromtoolsCheckAndTheirUnitTests() throws Exception {
        assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS");
        assertThat(promtool("test", "rules", RULE_TESTS.toString())).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardIsJsonAndEveryPanelQueriesOdooDrMetrics() throws IOException {
        Map<String, Object> dashboard = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(DASHBOARD));
        assertThat(dashboard).containsEntry("uid", "odoo-dr");
        List<Map<String, Object>> panels = (List<Map<String, Object>>) dashboard.get("panels");
        assertThat(panels).hasSizeGreaterThanOrEqualTo(8).allSatisfy(panel -> {
            List<Map<String, Object>> targets = (List<Map<String, Object>>) panel.get("targets");
            assertThat(targets).as(panel.get("title").toString()).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.get("expr").toString()).containsPattern(METRIC));
        });
    }

    /** Every odoo_dr_* metric name the alert rules and the dashboard use. */
    public static Set<String> metricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path file : List.of(RULES, DASHBOARD)) {
            Matcher m = METRIC.matcher(Files.readString(file));
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Every check id the alert rules name in a {@code check} label matcher. */
    public static Set<String> checkNames() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = CHECK.matcher(Files.readString(RULES));
        while (m.find()) {
            names.addAll(List.of(m.group(1).split("\\|")));
        }
        return names;
    }

    private static String promtool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
