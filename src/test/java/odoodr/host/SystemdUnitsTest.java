package odoodr.host;

import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated units are checked by systemd's own verifier (systemd need not be PID 1 for that). */
class SystemdUnitsTest {
    @TempDir
    Path dir;

    @Test
    void agentUnitPassesSystemdAnalyzeVerify() throws Exception {
        Path configFile = dir.resolve("odoo-dr.yaml");
        Files.writeString(configFile, "replica:\n  name: prd-vnic\nprod:\n  ssh:\n    host: prod.example.com\n");
        Config config = ConfigLoader.load(configFile);
        Path launcher = Path.of(System.getProperty("odoodr.projectDir", "."), "bin", "odoo-dr").toAbsolutePath();
        String unit = SystemdUnits.agentUnit(config, configFile, List.of(launcher.toString()));
        Path file = dir.resolve(SystemdUnits.AGENT_UNIT);
        Files.writeString(file, unit);

        ProcessResult r = new ProcessRunner().runAllowingFailure(Command.of("systemd-analyze", "verify", file.toString())
                .timeout(Duration.ofSeconds(60)).build());
        // Only complaints about our file count: the host's other units may be broken in a container.
        String ours = r.stderr().lines().filter(l -> l.contains(SystemdUnits.AGENT_UNIT)).reduce("", (a, b) -> a + b + "\n");
        assertThat(ours).as("systemd-analyze verify on our unit").isEmpty();
        assertThat(unit).contains("ExecStart=" + launcher + " --config " + configFile + " agent")
                .contains("Restart=always").contains("Before=postgresql@15-main.service");
    }

    @Test
    void postgresOnlyWantsTheTunnelSoTheStandbyOutlivesTunnelRestarts() {
        assertThat(SystemdUnits.postgresDropIn()).contains("Wants=odoo-dr-agent.service").doesNotContain("Requires=");
    }
}
