package odoodr.config;

import static odoodr.config.ConfigFixture.FILE;
import static odoodr.config.ConfigFixture.MINIMAL;
import static odoodr.config.ConfigFixture.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import odoodr.DrException;
import odoodr.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Config.validate(): cross-field and file-system checks, errors and warnings apart, all reported together. */
class ConfigValidationTest {
    private static final String QUIET = MINIMAL.replace("prod:\n", "prod:\n  filestore_path: /srv/filestore\n")
            + "postgres:\n  hot_standby_feedback: false\n";

    @TempDir
    Path dir;

    @Test
    void defaultsWithFilestorePathAndFeedbackOffAreClean() {
        ValidationResult result = load(QUIET).validate();
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"odoo", "postgres", "pg_monitor"})
    void aReplicationRoleThatIsOdoosOwnOrReservedIsRefused(String role) {
        String yaml = QUIET.replace("postgres:\n", "postgres:\n  replication_user: " + role + "\n");
        ValidationResult result = load(yaml).validate();
        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("postgres.replication_user");
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.toString()).contains("`" + role + "`").contains("reset its password");
            assertThat(e.hint()).contains("replicator");
        });
    }

    @Test
    void aMirrorThroughASymbolicLinkIsRefused() throws IOException {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        String yaml = QUIET + "filestore:\n  local_base: " + link.resolve("filestore") + "\n";
        ValidationResult result = load(yaml).validate();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("filestore.local_base");
            assertThat(e.toString()).contains("symbolic link " + link + " -> " + real);
        });
        assertThat(load(QUIET + "filestore:\n  local_base: " + real.resolve("filestore") + "\n").validate().errors())
                .isEmpty();
    }

    @Test
    void anAgentListeningBeyondLoopbackIsRefusedUnlessSaidOnPurpose() {
        String yaml = QUIET + "agent:\n  listen: 0.0.0.0:9187\n";
        assertThat(load(yaml).validate().errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("agent.listen");
            assertThat(e.toString()).contains("no authentication");
            assertThat(e.hint()).contains("agent.listen_beyond_loopback: true");
        });
        assertThat(load(yaml + "  listen_beyond_loopback: true\n").validate().errors()).isEmpty();
        assertThat(load(QUIET + "agent:\n  listen: 127.0.0.2:9187\n").validate().errors()).isEmpty();
    }

    @Test
    void hotStandbyFeedbackTrueIsAWarningAboutPinnedTuples() {
        String yaml = QUIET.replace("hot_standby_feedback: false", "hot_standby_feedback: true");
        ValidationResult result = load(yaml).validate();
        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo("postgres.hot_standby_feedback");
            assertThat(w.line()).isEqualTo(6);
            assertThat(w.toString()).startsWith(FILE + ":6: postgres.hot_standby_feedback").contains("pinned on prod");
            assertThat(w.hint()).contains("pure DR").contains("gotcha 6");
        });
    }

    @Test
    void defaultHotStandbyFeedbackWarningPointsAtNoLine() {
        ConfigProblem w = load(MINIMAL).validate().warnings().stream()
                .filter(p -> p.key().equals("postgres.hot_standby_feedback")).findFirst().orElseThrow();
        assertThat(w.line()).isZero();
        assertThat(w.location()).isEqualTo(FILE);
    }

    @Test
    void missingFilestorePathIsAWarning() {
        ConfigProblem w = load(MINIMAL).validate().warnings().stream()
                .filter(p -> p.key().equals("prod.filestore_path")).findFirst().orElseThrow();
        assertThat(w.line()).isEqualTo(1);  // the prod: section
        assertThat(w.message()).contains("no filestore mirrored");
        assertThat(w.hint()).contains("docker inspect");
    }

    @Test
    void allPortClashesAreErrorsReportedTogether() {
        String yaml = QUIET + "replica:\n  tunnel_port: 5432\nagent:\n  listen: 127.0.0.1:5432\n";
        ValidationResult result = load(yaml).validate();
        assertThat(result.errors()).extracting(ConfigProblem::key)
                .containsExactly("replica.tunnel_port", "replica.tunnel_port", "agent.listen");
        assertThat(result.errors().get(0).toString()).startsWith(FILE + ":8: replica.tunnel_port 5432 equals postgres.port");
        assertThat(result.errors().get(2).toString()).startsWith(FILE + ":10: agent.listen");
        DrException e = catchThrowableOfType(DrException.class, result::requireValid);
        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
        assertThat(e.getMessage()).startsWith("3 configuration errors:").contains(FILE + ":8:", FILE + ":10:");
    }

    @Test
    void tunnelPortEqualToAgentPortIsAnError() {
        ValidationResult result = load(QUIET + "replica:\n  tunnel_port: 9187\n").validate();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.toString()).startsWith(FILE + ":8: replica.tunnel_port 9187 equals the port of agent.listen");
            assertThat(e.hint()).contains("different ports");
        });
        DrException thrown = catchThrowableOfType(DrException.class, result::requireValid);
        assertThat(thrown.getMessage()).isEqualTo(result.errors().get(0).toString());
    }

    @Test
    void privilegedTunnelPortIsAWarning() {
        ValidationResult result = load(QUIET + "replica:\n  tunnel_port: 543\n").validate();
        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).singleElement().satisfies(w ->
                assertThat(w.toString()).startsWith(FILE + ":8: replica.tunnel_port 543 is below 1024"));
    }

    @Test
    void duplicateDatabaseIsAnErrorAtItsItem() {
        String yaml = QUIET + "databases:\n  - odoo\n  - test\n  - odoo\n";
        ValidationResult result = load(yaml).validate();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("databases[2]");
            assertThat(e.toString()).startsWith(FILE + ":10: databases[2]: database `odoo` is listed twice (also databases[0])");
        });
    }

    @Test
    void emptyDatabaseListIsAWarning() {
        ValidationResult result = load(QUIET + "databases: []\n").validate();
        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).singleElement().satisfies(w -> assertThat(w.toString())
                .startsWith(FILE + ":7: databases is empty"));
    }

    @Test
    void missingPasswordFileIsAWarning() {
        Path file = dir.resolve("prod-superuser");
        ValidationResult result = load(withPasswordFile(file)).validate();
        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.toString()).startsWith(FILE + ":2: prod.superuser_password_file " + file + " does not exist");
            assertThat(w.message()).contains("ODOO_DR_PROD_PASSWORD");
        });
    }

    @Test
    void passwordFileWithMode0600OwnedByUsIsFine() throws IOException {
        Path file = passwordFile("s3cret\n", "rw-------");
        assertThat(load(withPasswordFile(file)).validate().errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw-rw----"})
    void passwordFileOpenToOthersIsAnError(String mode) throws IOException {
        Path file = passwordFile("s3cret\n", mode);
        ValidationResult result = load(withPasswordFile(file)).validate();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.toString()).startsWith(FILE + ":2: prod.superuser_password_file " + file)
                    .contains(mode).contains("must be mode 0600").doesNotContain("s3cret");
            assertThat(e.hint()).isEqualTo("chmod 0600 " + file);
        });
    }

    @Test
    void passwordFileOwnedBySomeoneElseIsAnError() throws IOException {
        Path file = passwordFile("s3cret", "rw-------");
        ValidationResult result = new ConfigValidator("somebody-else").validate(load(withPasswordFile(file)));
        assertThat(result.errors()).singleElement().satisfies(e ->
                assertThat(e.message()).contains("is owned by " + System.getProperty("user.name"))
                        .contains("not by somebody-else"));
    }

    @Test
    void passwordFileThatIsADirectoryIsAnError() {
        ValidationResult result = load(withPasswordFile(dir)).validate();
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("not a regular file"));
    }

    private Path passwordFile(String content, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve("prod-superuser"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    static String withPasswordFile(Path file) {
        return QUIET.replace("prod:\n", "prod:\n  superuser_password_file: " + file + "\n");
    }
}
