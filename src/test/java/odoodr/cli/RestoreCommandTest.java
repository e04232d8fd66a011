package odoodr.cli;

import odoodr.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** restore's command line: one action, options that belong to it, and the archive required before anything. */
class RestoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void exactlyOneActionAndOnlyItsOptions() throws Exception {
        Path config = config();
        CliTest.Run none = CliTest.run("--config", config.toString(), "restore");
        assertThat(none.code()).as(none.err()).isEqualTo(ExitCode.USAGE.code());
        CliTest.Run two = CliTest.run("--config", config.toString(), "restore", "--list", "--drop", "x");
        assertThat(two.code()).as(two.err()).isEqualTo(ExitCode.USAGE.code());
        CliTest.Run stray = CliTest.run("--config", config.toString(), "restore", "--list", "--name", "x");
        assertThat(stray.code()).as(stray.err()).isEqualTo(ExitCode.USAGE.code());
        assertThat(stray.err()).contains("--name and --port go with --at only");
    }

    @Test
    void listWithoutAnArchiveSaysHowToGetOne() throws Exception {
        CliTest.Run r = CliTest.run("--config", config().toString(), "restore", "--list");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.RESTORE.code());
        assertThat(r.err()).contains("the archive is not enabled").contains("enable archive:");
    }

    private Path config() throws Exception {
        Path config = dir.resolve("odoo-dr.yaml");
        Files.writeString(config, "replica:\n  name: restore-cli\nprod:\n  ssh:\n    host: prod.example.invalid\n");
        return config;
    }
}
