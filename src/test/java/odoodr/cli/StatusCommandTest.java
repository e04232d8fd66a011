package odoodr.cli;

import odoodr.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `odoo-dr status` without a lab: exit codes when nothing can be checked, and a replica that was never set up. */
class StatusCommandTest {
    @Test
    void unreadableConfigIsUnknownForNagiosAndAConfigErrorOtherwise(@TempDir Path dir) {
        String missing = dir.resolve("nope.yaml").toString();
        CliTest.Run nagios = CliTest.run("--config", missing, "status", "--output", "nagios");
        assertThat(nagios.code()).isEqualTo(3);
        assertThat(nagios.out()).startsWith("ODOO-DR UNKNOWN - ").contains("nope.yaml").endsWith("\n")
                .doesNotContain("|").hasLineCount(1);

        CliTest.Run text = CliTest.run("--config", missing, "status");
        assertThat(text.code()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(text.out()).isEmpty();
    }

    @Test
    void unknownOutputIsAUsageError() {
        CliTest.Run r = CliTest.run("status", "--output", "xml");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("text, json, nagios, prometheus");
    }

    @Test
    void aReplicaNeverSetUpIsReportedNotThrown(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("odoo-dr.yaml");
        Files.writeString(config, """
                replica: {name: never-set-up, tunnel_port: %d}
                prod: {ssh: {host: prod.invalid}}
                postgres: {cluster: odoodrneversetup, port: %d}
                """.formatted(freePort(), freePort()));
        CliTest.Run text = CliTest.run("--config", config.toString(), "status");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("odoo-dr status of never-set-up at ").contains(": CRITICAL\n")
                .contains("CRITICAL  tunnel to prod's PostgreSQL", "no tunnel: no supervisor",
                        "the standby cluster 15/odoodrneversetup does not exist", "cannot ask prod: the tunnel passes no traffic")
                .doesNotContain("filestore_", "\u001b[");

        CliTest.Run nagios = CliTest.run("--config", config.toString(), "status", "-o", "nagios");
        assertThat(nagios.code()).isEqualTo(2);
        assertThat(nagios.out()).startsWith("ODOO-DR CRITICAL - never-set-up: tunnel to prod's PostgreSQL: no tunnel")
                .contains("(also 8 UNKNOWN) | tunnel_up=0;;;0;1 standby_in_recovery=U ", " prod_disk_free=U ");

        CliTest.Run prom = CliTest.run("--config", config.toString(), "status", "-o", "prometheus");
        assertThat(prom.code()).isZero();
        assertThat(prom.out()).contains("odoo_dr_status 2\n", "odoo_dr_tunnel_up 0\n",
                "odoo_dr_check_status{check=\"standby_in_recovery\"} 2\n");

        CliTest.Run json = CliTest.run("--config", config.toString(), "status", "-o", "json");
        assertThat(json.code()).isZero();
        assertThat(json.out()).startsWith("{\n  \"schema\": 1,\n  \"replica\": \"never-set-up\",")
                .contains("\"status\": \"CRITICAL\",\n  \"status_code\": 2,");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
