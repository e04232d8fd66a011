package odoodr.config;

import static odoodr.config.ConfigFixture.FILE;
import static odoodr.config.ConfigFixture.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import odoodr.DrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What `odoo-dr init` writes: commented, every key, and it loads back. */
class ConfigTemplateTest {
    private static final Map<String, String> HOST = Map.of(ConfigKeys.PROD_SSH_HOST, "prod.example.com");

    @Test
    void renderedWithAHostLoadsWithEveryDefault() {
        String yaml = ConfigTemplate.render(HOST, "prd-vnic");
        Config fromTemplate = ConfigFixture.load(yaml);
        Config minimal = ConfigFixture.load(ConfigFixture.MINIMAL);
        assertThat(fromTemplate.replica()).isEqualTo(minimal.replica());
        assertThat(fromTemplate.prod()).isEqualTo(minimal.prod());
        assertThat(fromTemplate.postgres()).isEqualTo(minimal.postgres());
        assertThat(fromTemplate.databases()).isEqualTo(minimal.databases());
        assertThat(fromTemplate.filestore()).isEqualTo(minimal.filestore());
        assertThat(fromTemplate.agent()).isEqualTo(minimal.agent());
        assertThat(fromTemplate.validate().errors()).isEmpty();
    }

    @Test
    void withoutAHostItFailsAtTheHostLine() {
        String yaml = ConfigTemplate.render(Map.of(), "prd-vnic");
        DrException e = ConfigFixture.loadFails(yaml);
        assertThat(e.getMessage()).startsWith(FILE + ":" + lineOf(yaml, "    host:") + ": prod.ssh.host is required");
    }

    @Test
    void writesTheHostnameAsReplicaNameSoTheSlotStaysPut() {
        String yaml = ConfigTemplate.render(HOST, "prd-vnic");
        assertThat(yaml).contains("  name: prd-vnic\n");
        assertThat(ConfigFixture.load(yaml).source().lineOf(ConfigKeys.REPLICA_NAME)).isPresent();
    }

    @Test
    void unusableHostnameIsLeftOutForTheLoaderToReport() {
        String yaml = ConfigTemplate.render(HOST, "web+1");
        assertThat(yaml).contains("  name:\n");
    }

    @Test
    void everyKeyIsPresentAndCommented() {
        String yaml = ConfigTemplate.render(HOST, "prd-vnic");
        Config config = ConfigFixture.load(yaml);
        for (String key : ConfigKeys.VALUES) {
            int line = keyLine(yaml, key);
            assertThat(yaml.lines().skip(line - 2).findFirst().orElseThrow()).as("comment above %s", key).contains("#");
            if (!List.of(ConfigKeys.PROD_SSH_IDENTITY_FILE, ConfigKeys.PROD_SSH_KNOWN_HOSTS,
                    ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE, ConfigKeys.PROD_FILESTORE_PATH, ConfigKeys.PROD_CONTAINER)
                    .contains(key)) {
                assertThat(config.source().lineOf(key)).as("line of %s", key).hasValue(line);
            }
        }
        assertThat(yaml).doesNotContain("%{").doesNotContain(" \n");
    }

    /** The line where {@code key} is written in block style: its last name at its depth's indentation. */
    private static int keyLine(String yaml, String key) {
        String prefix = "  ".repeat(key.split("\\.").length - 1) + key.substring(key.lastIndexOf('.') + 1) + ":";
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    @Test
    void speaksTheRunbooksWords() {
        String yaml = ConfigTemplate.render(HOST, "prd-vnic");
        assertThat(yaml).contains("PROD_PG_LOOPBACK_PORT", "the prod container exposes on the prod host's localhost",
                "often\n  # odoo, sometimes postgres", "rolsuper", "replica_<name with - → _>", "gotcha 15",
                "docker inspect <odoo-container>", "Mounts", "pure DR (gotcha 6)", "REPL_USER", "ODOO_DR_PROD_PASSWORD",
                "MUST match prod's major");
    }

    @Test
    void overridesAreWrittenAndLoadBack() {
        Map<String, String> values = new HashMap<>(HOST);
        values.put(ConfigKeys.REPLICA_NAME, "dr-2");
        values.put(ConfigKeys.PROD_SSH_HOST, "2001:db8::7");
        values.put(ConfigKeys.PROD_FILESTORE_PATH, "/var/lib/docker/volumes/odoo_odoo-data/_data/filestore");
        values.put(ConfigKeys.PROD_CONTAINER, "null");
        values.put(ConfigKeys.PROD_DATA_DISK_PATH, "/srv/docker");
        values.put(ConfigKeys.PROD_PG_PORT, "15432");
        values.put(ConfigKeys.POSTGRES_MAJOR, "16");
        values.put(ConfigKeys.POSTGRES_HOT_STANDBY_FEEDBACK, "false");
        values.put(ConfigKeys.DATABASES, "odoo, odoo_test");
        values.put(ConfigKeys.FILESTORE_FULL_SYNC_INTERVAL, "30m");
        values.put(ConfigKeys.FILESTORE_SYNC_INTERVAL, "10s");
        values.put(ConfigKeys.AGENT_LISTEN, "[::1]:9188");
        Config c = ConfigFixture.load(ConfigTemplate.render(values, "prd-vnic"));
        assertThat(c.slotName()).isEqualTo("replica_dr_2");
        assertThat(c.prod().ssh().host()).isEqualTo("2001:db8::7");
        assertThat(c.prod().filestorePath()).contains(Path.of(values.get(ConfigKeys.PROD_FILESTORE_PATH)));
        assertThat(c.prod().container()).contains("null");
        assertThat(c.prod().dataDiskPath()).isEqualTo(Path.of("/srv/docker"));
        assertThat(c.prod().pgPort()).isEqualTo(15432);
        assertThat(c.postgres().major()).isEqualTo(16);
        assertThat(c.postgres().hotStandbyFeedback()).isFalse();
        assertThat(c.databases()).containsExactly("odoo", "odoo_test");
        assertThat(c.filestore().fullSyncInterval()).hasMinutes(30);
        assertThat(c.filestore().syncInterval()).hasSeconds(10);
        assertThat(c.agent().listen()).isEqualTo(new HostPort("::1", 9188));
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod.example.com\nagent:\n  listen: 0.0.0.0:80", "$(reboot)", "a\" b", "-oProxyCommand=sh",
            "x # comment", "a: b"})
    void hostileOverrideCannotInjectYamlAndFailsAtTheHostLine(String host) {
        String yaml = ConfigTemplate.render(Map.of(ConfigKeys.PROD_SSH_HOST, host), "prd-vnic");
        DrException e = ConfigFixture.loadFails(yaml);
        assertThat(e.getMessage()).startsWith(FILE + ":" + lineOf(yaml, "    host:") + ": prod.ssh.host:");
    }

    @Test
    void unknownOverrideKeyIsAProgrammingError() {
        assertThatThrownBy(() -> ConfigTemplate.render(Map.of("prod.ssh.hots", "x"), "prd-vnic"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prod.ssh.hots");
    }

    @Test
    void yamlQuotingKeepsPlainWhatReadsBackUnchanged() {
        assertThat(ConfigTemplate.yamlScalar("prod.example.com")).isEqualTo("prod.example.com");
        assertThat(ConfigTemplate.yamlScalar("/var/lib/x")).isEqualTo("/var/lib/x");
        assertThat(ConfigTemplate.yamlScalar("")).isEmpty();
        assertThat(ConfigTemplate.yamlScalar("~")).isEqualTo("\"~\"");
        assertThat(ConfigTemplate.yamlScalar("fe80::")).isEqualTo("\"fe80::\"");
        assertThat(ConfigTemplate.yamlScalar("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
        assertThat(ConfigTemplate.yamlList("")).isEqualTo("[]");
        assertThat(ConfigTemplate.yamlList("a, b c")).isEqualTo("[a, \"b c\"]");
    }
}
