package odoodr.e2e;

import odoodr.ExitCode;
import odoodr.lab.JsonTree;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.process.Command;
import odoodr.process.ProcessChecks;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;
import odoodr.ssh.Tunnel;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent as setup starts it (detached; systemd is not PID 1 here): its endpoints, the status page in a real
 * headless browser, the lock against a second agent, and a clean stop on SIGTERM.
 */
class AgentLabTest extends ReplicaLabTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.agentPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the agent's health round has seen a healthy standby (the agent may still be starting). */
    private HttpResponse<String> awaitHealthy() {
        return Poll.within(Duration.ofSeconds(60), Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get("/health"), r -> r.statusCode() == 200);
    }

    @Override
    protected void prepare(ProdLab lab, Replica replica) throws Exception {
        replica.withOwnFilestore();
    }

    @Test
    @Order(1)
    void setupStartsTheAgentAndItServesHealthMetricsAndStatus(ProdLab lab) throws Exception {
        Replica.Run setup = replica.run("setup");
        assertThat(setup.code()).as(setup.all()).isZero();
        assertThat(setup.out()).contains("start `odoo-dr agent` detached");

        HttpResponse<String> health = awaitHealthy();
        assertThat(health).isNotNull();
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(get("/health?lag=1h").statusCode()).isEqualTo(200);
        assertThat(get("/health?lag=100MB").statusCode()).isEqualTo(200);
        assertThat(get("/health?lag=banana").statusCode()).isEqualTo(400);

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains("# TYPE odoo_dr_status gauge", "odoo_dr_check_status{check=\"prod_streaming\"} 0",
                "odoo_dr_check_status{check=\"tunnel_up\"} 0", "odoo_dr_replay_lag_seconds");

        HttpResponse<String> status = get("/status.json");
        assertThat(status.statusCode()).isEqualTo(200);
        JsonTree report = JsonTree.parse(status.body());
        assertThat(report.number("schema")).isEqualTo(1);
        assertThat(report.text("replica")).isEqualTo(replica.name());
        assertThat(report.find("id", "prod_streaming", "checks")).containsEntry("status", "OK");
        JsonTree history = JsonTree.parse(get("/history.json").body());
        assertThat(history.number("window_seconds")).isEqualTo(3600);
        assertThat(history.objects("samples")).isNotEmpty().allSatisfy(sample -> assertThat(sample).containsKey("lag_seconds"));
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aCutLinkMakesHealthAnswer503(ProdLab lab) throws Exception {
        // the lab's cut is silent: the tunnel notices within seconds, the next health round (every 10 s) reports it
        lab.cut();
        try {
            Poll.within(Duration.ofSeconds(60), Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(get("/health").statusCode()).isEqualTo(503));
            assertThat(get("/health").body()).startsWith("critical:");
        } finally {
            lab.heal();
        }
        assertThat(awaitHealthy().statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void theStatusPageRendersItsTableAndChartInAHeadlessBrowser() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assertThat(chromium).as("chromium (scripts/install-deps installs it)").isExecutable();
        Path artifacts = Path.of(System.getProperty("odoodr.projectDir", "."), "target", "artifacts");
        Files.createDirectories(artifacts);
        Path profile = Files.createTempDirectory("odoo-dr-chromium");
        String url = "http://127.0.0.1:" + replica.agentPort() + "/";
        java.util.List<String> common = java.util.List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=8000", "--window-size=1100,1500");
        ProcessRunner runner = new ProcessRunner();
        java.util.List<String> dump = new java.util.ArrayList<>(common);
        dump.addAll(java.util.List.of("--dump-dom", url));
        ProcessResult dom = runner.run(Command.of(dump).timeout(Duration.ofSeconds(90)).build());
        assertThat(dom.stdout()).contains("<table id=\"checks\"")
                .contains("prod sees this standby streaming")   // a row filled in by the page's script
                .contains("class=\"badge OK\"")
                .contains("series-lag_seconds");                 // the chart's line
        Path shot = artifacts.resolve("agent-status-page.png");
        java.util.List<String> screenshot = new java.util.ArrayList<>(common);
        screenshot.addAll(java.util.List.of("--screenshot=" + shot, url));
        runner.run(Command.of(screenshot).timeout(Duration.ofSeconds(90)).build());
        assertThat(shot).exists();
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    /**
     * The agent that setup started (before the standby existed) mirrors new attachments; while the standby is down
     * its attachment loop pauses (its log says so) and, once the standby is back, resumes and mirrors again. A loop
     * that ended instead of pausing never logs the resume, and one without pause logic never logs the pause.
     */
    @Test
    @Order(4)
    void theAgentMirrorsNewAttachmentsAndPausesWhileTheStandbyIsDown(ProdLab lab) throws Exception {
        awaitMirrored(lab, 5);
        Path log = Tunnel.logFile(replica.config());
        int pausesBefore = countLines(log, PAUSED);
        int resumesBefore = countLines(log, RESUMED);
        replica.cluster().stop();
        // the next health round (every 10 s) sees the standby down, the loop's next pass (every 5 s) pauses
        Poll.within(Duration.ofSeconds(60), Duration.ofMillis(500)).alias("the attachment loop pauses")
                .until(() -> countLines(log, PAUSED) > pausesBefore);
        assertThat(countLines(log, RESUMED)).as("not resumed while the standby is down").isEqualTo(resumesBefore);
        replica.cluster().start();
        Poll.within(Duration.ofSeconds(60), Duration.ofMillis(500)).alias("the attachment loop resumes")
                .until(() -> countLines(log, RESUMED) > resumesBefore);
        awaitMirrored(lab, 5);
        theMonitoringKitUsesOnlyWhatTheAgentServes();
    }

    /**
     * The package's alert rules and dashboard ({@code packaging/monitoring}) query metric names and check ids: each
     * must be one this live agent serves, now that every check has a value (a renamed metric would leave an alert
     * that can never fire).
     */
    private void theMonitoringKitUsesOnlyWhatTheAgentServes() throws Exception {
        String metrics = Poll.within(Duration.ofSeconds(60), Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get("/metrics").body(), body -> body.contains("odoo_dr_filestore_backlog{"));
        assertThat(odoodr.output.MonitoringKitLiveTest.metricNames()).isNotEmpty().allSatisfy(name ->
                assertThat(metrics).as("served by the agent: " + name).containsPattern("(?m)^" + name + "[{ ]"));
        assertThat(odoodr.output.MonitoringKitLiveTest.checkNames()).hasSizeGreaterThan(10).allSatisfy(check ->
                assertThat(metrics).as("a check the agent has: " + check).contains("check=\"" + check + "\""));
    }

    private static final String PAUSED = "attachment sync paused";
    private static final String RESUMED = "attachment sync resumed";

    private static int countLines(Path log, String text) throws java.io.IOException {
        try (var lines = Files.lines(log)) {
            return (int) lines.filter(l -> l.contains(text)).count();
        }
    }

    /** Writes attachments on prod and waits until the agent alone has put all of them in the mirror. */
    private void awaitMirrored(ProdLab lab, int count) throws Exception {
        String before = lab.sql("SELECT coalesce(max(id), 0) FROM ir_attachment");
        lab.write("odoo", count);
        java.util.List<String> names = lab.sql("SELECT store_fname FROM ir_attachment WHERE id > " + before
                + " AND store_fname IS NOT NULL").lines().toList();
        assertThat(names).hasSize(count);
        Path mirror = replica.filestoreDir("odoo");
        Poll.within(Duration.ofSeconds(90), Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(names).as("mirrored by the agent").allMatch(n -> Files.exists(mirror.resolve(n))));
    }

    @Test
    @Order(5)
    void aSecondAgentIsRefused() {
        Replica.Run second = replica.run("agent");
        assertThat(second.code()).isEqualTo(ExitCode.PRECONDITION.code());
        assertThat(second.err()).contains("an agent already runs for this replica");
    }

    @Test
    @Order(6)
    void sigtermStopsTheAgentAndItsTunnelButTheStandbyKeepsServingReads() throws Exception {
        ProcessHandle agent = replica.tunnelProcess().orElseThrow();
        ProcessHandle ssh = replica.tunnelSsh().orElseThrow();
        agent.destroy(); // SIGTERM
        assertThat(agent.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(ProcessChecks.stopsRunningWithin(ssh.pid(), Duration.ofSeconds(10))).as("tunnel ssh stopped").isTrue();
        assertThat(replica.cluster().status().orElseThrow().inRecovery()).as("standby still up").isTrue();
    }
}
