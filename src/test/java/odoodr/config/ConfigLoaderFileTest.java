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
