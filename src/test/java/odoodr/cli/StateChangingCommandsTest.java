package odoodr.cli;

import odoodr.ExitCode;
import odoodr.host.StateLock;
import odoodr.host.StateLockHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 9: setup, promote, decommission and restore (--at, --drop) refuse to start while another odoo-dr process changes this host's state
 * (a real second process holds the host's state lock); their --dry-run, which changes nothing, is not refused.
 */
class StateChangingCommandsTest {
    @TempDir
    Path dir;

    @Test
    void everyStateChangingCommandIsRefusedWhileAnotherHoldsTheStateLock() throws Exception {
        Path config = dir.resolve("odoo-dr.yaml");
        Files.writeString(config, "replica:\n  name: lock-test\nprod:\n  ssh:\n    host: prod.example.invalid\n");
        Process holder = StateLockHolder.start(StateLock.DEFAULT_FILE, "setup");
        try {
            for (String command : new String[] {"setup", "promote", "decommission"}) {
                CliTest.Run r = CliTest.run("--config", config.toString(), command);
                assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(ExitCode.PRECONDITION.code());
                assertThat(r.err()).as(command).contains("odoo-dr: " + command + " refused: pid " + holder.pid()
                        + " (odoo-dr setup, started ").contains("hint: wait until it has ended");
            }
            for (String[] restore : new String[][] {{"restore", "--drop", "old"}, {"restore", "--at", "2026-01-01 00:00"}}) {
                CliTest.Run r = CliTest.run("--config", config.toString(), restore[0], restore[1], restore[2]);
                assertThat(r.code()).as(String.join(" ", restore) + ": " + r.err()).isEqualTo(ExitCode.PRECONDITION.code());
                assertThat(r.err()).contains("odoo-dr: restore refused: pid " + holder.pid());
            }
            CliTest.Run dry = CliTest.run("--config", config.toString(), "decommission", "--dry-run");
            assertThat(dry.err()).as("a dry run changes nothing and takes no lock").doesNotContain("refused: pid");
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }
}
