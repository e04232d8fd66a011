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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import odoodr.DrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets never show; describe() lists every effective value, its origin and the derived names. */
class SecretAndDescribeTest {
    private static final String PASSWORD = "pa55:word'\"$(x)";

    @TempDir
    Path dir;

    @Test
    void secretIsMaskedEverywhereButReveal() {
        Secret secret = Secret.of(PASSWORD);
        assertThat(secret.toString()).isEqualTo("<masked>").isEqualTo(Secret.MASK);
        assertThat(String.valueOf(secret)).isEqualTo("<masked>");
        assertThat("password=" + secret).isEqualTo("password=<masked>");
        assertThat(List.of(secret).toString()).isEqualTo("[<masked>]");
        assertThat(Optional.of(secret).toString()).doesNotContain(PASSWORD);
        assertThat(secret.reveal()).isEqualTo(PASSWORD);
        assertThat(secret).isEqualTo(Secret.of(PASSWORD)).isNotEqualTo(Secret.of("other"));
        assertThat(secret.hashCode()).isEqualTo(Secret.of("other").hashCode());
    }

    @Test
    void passwordComesFromTheFileFirstWithoutItsFinalNewline() throws IOException {
        Config config = load(withPasswordFile(passwordFile(PASSWORD + "\n", "rw-------")));
        Optional<Secret> found = new SuperuserPasswordSource(Map.of(SuperuserPasswordSource.PASSWORD_ENV, "env"))
                .find(config);
        assertThat(found.map(Secret::reveal)).contains(PASSWORD);
        assertThat(found.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void passwordComesFromTheEnvironmentWhenNoFile() {
        Config config = load(withPasswordFile(dir.resolve("absent")));
        assertThat(new SuperuserPasswordSource(Map.of(SuperuserPasswordSource.PASSWORD_ENV, PASSWORD)).find(config)
                .map(Secret::reveal)).contains(PASSWORD);
        assertThat(new SuperuserPasswordSource(Map.of()).find(load(MINIMAL))).isEmpty();
        assertThat(new SuperuserPasswordSource(Map.of(SuperuserPasswordSource.PASSWORD_ENV, ""))
                .find(load(MINIMAL))).isEmpty();
    }

    @Test
    void passwordFileOpenToOthersIsRefusedWithoutShowingIt() throws IOException {
        Path file = passwordFile(PASSWORD, "rw-r--r--");
        DrException e = catchThrowableOfType(DrException.class,
                () -> new SuperuserPasswordSource(Map.of()).find(load(withPasswordFile(file))));
        assertThat(e.getMessage()).startsWith(FILE + ":2: prod.superuser_password_file").contains("0600")
                .doesNotContain(PASSWORD);
    }

    @Test
    void passwordFileWithTwoLinesIsRefusedWithoutShowingIt() throws IOException {
        Path file = passwordFile(PASSWORD + "\nsecond\n", "rw-------");
        DrException e = catchThrowableOfType(DrException.class,
                () -> new SuperuserPasswordSource(Map.of()).find(load(withPasswordFile(file))));
        assertThat(e.getMessage()).contains("more than one line").doesNotContain(PASSWORD).doesNotContain("second");
    }

    @Test
    void describeListsEveryKeyInFileOrderWithOriginsAndDerivedNames() throws IOException {
        Path file = passwordFile(PASSWORD, "rw-------");
        Config config = load(withPasswordFile(file) + "replica:\n  name: prd-vnic\n");
        List<EffectiveSetting> settings = config.describe();
        assertThat(settings).extracting(EffectiveSetting::key).containsSubsequence(ConfigKeys.VALUES)
                .endsWith("replica.slot_name", "replica.application_name");
        assertThat(settings).contains(
                new EffectiveSetting("replica.name", "prd-vnic", FILE + ":6"),
                new EffectiveSetting("prod.ssh.host", "prod.example.com", FILE + ":4"),
                new EffectiveSetting("prod.superuser_password_file", file.toString(), FILE + ":2"),
                new EffectiveSetting("prod.container", "(not set)", "default"),
                new EffectiveSetting("replica.tunnel_port", "40000", "default"),
                new EffectiveSetting("databases", "[odoo]", "default"),
                new EffectiveSetting("filestore.full_sync_interval", "1h", "default"),
                new EffectiveSetting("filestore.sync_interval", "5s", "default"),
                new EffectiveSetting("agent.listen", "127.0.0.1:9187", "default"),
                new EffectiveSetting("agent.listen_beyond_loopback", "false", "default"),
                new EffectiveSetting("replica.slot_name", "replica_prd_vnic", "derived from replica.name"),
                new EffectiveSetting("replica.application_name", "prd-vnic_replica", "derived from replica.name"));
        assertThat(settings.toString()).doesNotContain(PASSWORD);
        assertThat(config.toString()).doesNotContain(PASSWORD);
    }

    private Path passwordFile(String content, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve("prod-superuser"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static String withPasswordFile(Path file) {
        return MINIMAL.replace("prod:\n", "prod:\n  superuser_password_file: " + file + "\n");
    }
}
