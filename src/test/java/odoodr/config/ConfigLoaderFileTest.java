package odoodr.config;

import static odoodr.config.ConfigFixture.FILE;
import static odoodr.config.ConfigFixture.loadFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import odoodr.DrException;
import odoodr.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The file itself: missing, unreadable, empty, not YAML, not a mapping. */
class ConfigLoaderFileTest {
    @TempDir
    Path dir;

    @Test
    void missingFileSaysSoAndPointsAtInit() {
        Path file = dir.resolve("odoo-dr.yaml");
        DrException e = catchThrowableOfType(DrException.class, () -> ConfigLoader.load(file));
        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(e.getMessage()).contains(file.toString()).contains("does not exist");
        assertThat(e.hint()).contains("odoo-dr init");
    }

    @Test
    void directoryIsNotAConfigFile() {
        DrException e = catchThrowableOfType(DrException.class, () -> ConfigLoader.load(dir));
        assertThat(e.getMessage()).contains(dir.toString()).contains("is a directory");
    }

    @Test
    void unreadableFileSaysPermissionDenied() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        Path file = Files.writeString(dir.resolve("odoo-dr.yaml"), ConfigFixture.MINIMAL);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        DrException e = catchThrowableOfType(DrException.class, () -> ConfigLoader.load(file));
        assertThat(e.getMessage()).contains(file.toString()).contains("permission denied");
        assertThat(e.hint()).contains("root");
    }

    @Test
    void aFifoIsRefusedInsteadOfBlockingTheRead() throws Exception {
        Path fifo = dir.resolve("odoo-dr.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        DrException e = catchThrowableOfType(DrException.class, () -> ConfigLoader.load(fifo));
        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(e.getMessage()).contains(fifo.toString()).contains("not a regular file");
    }

    @Test
    void aDeviceIsRefusedInsteadOfFillingTheMemory() {
        DrException e = catchThrowableOfType(DrException.class, () -> ConfigLoader.load(Path.of("/dev/zero")));
        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(e.getMessage()).contains("/dev/zero").contains("not a regular file");
    }

    @Test
    void aHugeFileIsRefusedUnread() throws IOException {
        Path file = dir.resolve("odoo-dr.yaml");
        Files.writeString(file, ConfigFixture.MINIMAL + "# " + "x".repeat(ConfigLoader.MAX_BYTES) + "\n");
        DrException e = catchThrowableOfType(DrException.class, () -> ConfigLoader.load(file));
        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(e.getMessage()).contains("larger than 1024 KiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "{a: "})
    void deeplyNestedYamlIsAConfigErrorNotAStackOverflow(String open) {
        String yaml = "prod:\n  ssh:\n    host: " + open.repeat(5000) + "\n";
        DrException e = catchThrowableOfType(DrException.class, () -> ConfigLoader.loadString(yaml, FILE));
        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(e.getMessage()).startsWith(FILE).contains("nested too deeply");
    }

    @Test
    void deeplyNestedBlockYamlIsAConfigErrorNotAStackOverflow() {
        // "- - - … x": block sequences nested on one line
        String yaml = "prod:\n  ssh:\n    host: h\nreplica:\n  " + "- ".repeat(5000) + "x\n";
        DrException e = catchThrowableOfType(DrException.class, () -> ConfigLoader.loadString(yaml, FILE));
        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(e.getMessage()).contains("nested too deeply");
    }

    @Test
    void notUtf8IsReported() throws IOException {
        Path file = Files.write(dir.resolve("odoo-dr.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
        DrException e = catchThrowableOfType(DrException.class, () -> ConfigLoader.load(file));
        assertThat(e.getMessage()).contains(file.toString()).contains("not UTF-8");
    }

    @Test
    void loadsAFileFromDisk() throws IOException {
        Path file = Files.writeString(dir.resolve("odoo-dr.yaml"), ConfigFixture.MINIMAL);
        Config config = ConfigLoader.load(file);
        assertThat(config.prod().ssh().host()).isEqualTo("prod.example.com");
        assertThat(config.source().file()).isEqualTo(file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\n", "\uFEFF"})
    void emptyFileIsReported(String text) {
        DrException e = loadFails(text);
        assertThat(e.getMessage()).isEqualTo("config file " + FILE + " is empty");
        assertThat(e.hint()).contains("odoo-dr init");
    }

    @Test
    void commentOnlyFileIsReported() {
        DrException e = loadFails("# prod:\n#   ssh:\n#     host: x\n");
        assertThat(e.getMessage()).contains(FILE).contains("only comments");
        assertThat(e.hint()).contains("prod.ssh.host");
    }

    @Test
    void syntaxErrorGivesFileLineColumnAndTheParsersMessageOnOneLine() {
        String yaml = "prod:\n  ssh:\n    host: a\n   port: 22\n";
        DrException e = loadFails(yaml);
        assertThat(e.getMessage()).startsWith(FILE + ":4:").contains("YAML syntax error");
        assertThat(e.hint()).contains("indent");
    }

    @Test
    void unclosedFlowListIsASyntaxError() {
        DrException e = loadFails(ConfigFixture.MINIMAL + "databases: [odoo, test\n");
        assertThat(e.getMessage()).startsWith(FILE + ":").contains("YAML syntax error").contains("line 4");
    }

    @Test
    void tabIndentationIsASyntaxError() {
        DrException e = loadFails("prod:\n\tssh: x\n");
        assertThat(e.getMessage()).startsWith(FILE + ":2:").contains("YAML syntax error");
    }

    @Test
    void twoDocumentsAreRefused() {
        DrException e = loadFails(ConfigFixture.MINIMAL + "---\n" + ConfigFixture.MINIMAL);
        assertThat(e.getMessage()).startsWith(FILE + ":4:").contains("single document");
    }

    @ParameterizedTest
    @ValueSource(strings = {"- prod\n- replica\n", "just text\n", "42\n"})
    void topLevelMustBeSections(String yaml) {
        DrException e = loadFails(yaml);
        assertThat(e.getMessage()).startsWith(FILE + ":1:").contains("top level must be sections");
    }

    @Test
    void configPathComesFromOptionThenEnvironmentThenDefault() {
        Path option = Path.of("/tmp/x.yaml");
        assertThat(ConfigLoader.resolvePath(option, Map.of(ConfigLoader.PATH_ENV, "/e.yaml"))).isEqualTo(option);
        assertThat(ConfigLoader.resolvePath(null, Map.of(ConfigLoader.PATH_ENV, "/e.yaml"))).isEqualTo(Path.of("/e.yaml"));
        assertThat(ConfigLoader.resolvePath(null, Map.of(ConfigLoader.PATH_ENV, ""))).isEqualTo(ConfigLoader.DEFAULT_PATH);
        assertThat(ConfigLoader.resolvePath(null, Map.of())).isEqualTo(Path.of("/etc/odoo-dr/odoo-dr.yaml"));
    }
}
