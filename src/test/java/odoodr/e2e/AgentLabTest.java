package odoodr.e2e;

import odoodr.ExitCode;
import odoodr.lab.ProdLab;
import odoodr.process.Command;
import odoodr.process.ProcessChecks;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;
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

    /** Polls until the agent's health round has seen a healthy standby. */
    private HttpResponse<String> awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> r = null;
        while (System.nanoTime() < deadline) {
            try {
                r = get("/health");
                if (r.statusCode() == 200) {
                    return r;
                }
            } catch (java.io.IOException notListeningYet) {
                // the agent is starting
            }
            Thread.sleep(500);
        }
        return r;
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
        assertThat(status.body()).contains("\"schema\": 1", "\"replica\": \"" + replica.name() + "\"", "\"id\": \"prod_streaming\"");
        assertThat(get("/history.json").body()).contains("\"window_seconds\": 3600", "\"lag_seconds\"");
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aCutLinkMakesHealthAnswer503(ProdLab lab) throws Exception {
        // the lab's cut is silent: the tunnel notices within seconds, the next health round (every 10 s) reports it
        lab.cut();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int code = 200;
            while (System.nanoTime() < deadline && code == 200) {
                code = get("/health").statusCode();
                Thread.sleep(500);
            }
            assertThat(code).isEqualTo(503);
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

    /** The agent that setup started (before the standby existed) mirrors new attachments, also after the standby was down. */
    @Test
    @Order(4)
    void theAgentMirrorsNewAttachmentsAndResumesAfterTheStandbyWasDown(ProdLab lab) throws Exception {
        awaitMirrored(lab, 5);
        replica.cluster().stop();
        Thread.sleep(15_000); // more than one health round: the agent sees the standby down
        replica.cluster().start();
        awaitMirrored(lab, 5);
    }

    /** Writes attachments on prod and waits until the agent alone has put all of them in the mirror. */
    private void awaitMirrored(ProdLab lab, int count) throws Exception {
        String before = lab.sql("SELECT coalesce(max(id), 0) FROM ir_attachment");
        lab.write("odoo", count);
        java.util.List<String> names = lab.sql("SELECT store_fname FROM ir_attachment WHERE id > " + before
                + " AND store_fname IS NOT NULL").lines().toList();
        assertThat(names).hasSize(count);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && !names.stream().allMatch(n -> Files.exists(replica.filestoreDir("odoo").resolve(n)))) {
            Thread.sleep(500);
        }
        assertThat(names).as("mirrored by the agent").allMatch(n -> Files.exists(replica.filestoreDir("odoo").resolve(n)));
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
