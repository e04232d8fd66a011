package odoodr.cli;

import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static odoodr.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class InitCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesACommentedConfigThatLoads() throws Exception {
        Path file = dir.resolve("etc/odoo-dr.yaml");
        CliTest.Run r = run("init", "--config", file.toString(), "--prod-host", "prod.example.com",
                "--set", "replica.name=prd-vnic", "--set", "databases=odoo,odoo_test");
        assertThat(r.code()).as(r.err()).isZero();
        String text = Files.readString(file);
        assertThat(text).contains("# ").contains("prod.example.com").contains("tunnel_port");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        Config c = ConfigLoader.load(file);
        assertThat(c.prod().ssh().host()).isEqualTo("prod.example.com");
        assertThat(c.slotName()).isEqualTo("replica_prd_vnic");
        assertThat(c.databases()).containsExactly("odoo", "odoo_test");
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path file = dir.resolve("odoo-dr.yaml");
        Files.writeString(file, "mine\n");
        CliTest.Run r = run("--config", file.toString(), "init", "--prod-host", "h");
        assertThat(r.code()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.err()).contains("already exists").contains("--force");
        assertThat(Files.readString(file)).isEqualTo("mine\n");

        assertThat(run("--config", file.toString(), "init", "--force", "--prod-host", "h").code()).isZero();
        assertThat(Files.readString(file)).contains("host: h");
    }

    @Test
    void withoutAHostWritesTheTemplateAndSaysWhatToFillIn() throws Exception {
        Path file = dir.resolve("odoo-dr.yaml");
        CliTest.Run r = run("init", "--config", file.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void refusesAHostileValueAndWritesNothing() {
        Path file = dir.resolve("odoo-dr.yaml");
        CliTest.Run r = run("init", "--config", file.toString(), "--prod-host", "-oProxyCommand=touch /tmp/x");
        assertThat(r.code()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.err()).contains("prod.ssh.host");
        assertThat(file).doesNotExist();
    }

    @Test
    void discoverWithoutAHostIsAUsageErrorAndWritesNothing() {
        Path file = dir.resolve("odoo-dr.yaml");
        CliTest.Run r = run("init", "--config", file.toString(), "--discover");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("--discover needs the prod host").contains("--prod-host HOST");
        assertThat(file).doesNotExist();
    }

    @Test
    void unknownKeyIsAUsageError() {
        CliTest.Run r = run("init", "--config", dir.resolve("x.yaml").toString(), "--set", "prod.hots=a");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("prod.hots");
    }
}
