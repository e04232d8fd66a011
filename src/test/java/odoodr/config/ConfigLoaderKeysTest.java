package odoodr.config;

import static odoodr.config.ConfigFixture.MINIMAL;
import static odoodr.config.ConfigFixture.lastLine;
import static odoodr.config.ConfigFixture.lineOf;
import static odoodr.config.ConfigFixture.loadFailsAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import odoodr.DrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys: unknown (with did-you-mean), duplicated, required, and values of the wrong shape. */
class ConfigLoaderKeysTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            replca:\\n  name: x                                       | replca                         | replica
            replica:\\n  nmae: x                                      | replica.nmae                   | name
            replica:\\n  tunnelport: 40000                            | replica.tunnelport             | tunnel_port
            prod:\\n  ssh:\\n    hots: prod.example.com               | prod.ssh.hots                  | host
            prod:\\n  ssh:\\n    host: h\\n    Port: 22               | prod.ssh.Port                  | port
            prod:\\n  ssh:\\n    host: h\\n  pgport: 5432             | prod.pgport                    | pg_port
            prod:\\n  ssh:\\n    host: h\\n  superuser_pasword_file: /x | prod.superuser_pasword_file  | superuser_password_file
            postgres:\\n  hot_standby_feeback: false                  | postgres.hot_standby_feeback   | hot_standby_feedback
            postgres:\\n  mjaor: 15                                   | postgres.mjaor                 | major
            databse: [odoo]                                            | databse                        | databases
            filestore:\\n  local_bsae: /srv                            | filestore.local_bsae           | local_base
            agent:\\n  listn: 127.0.0.1:9187                          | agent.listn                    | listen
            """)
    void unknownKeyNamesKeyPathLineAndSuggestion(String yaml, String key, String suggestion) {
        String body = yaml.replace("\\n", "\n") + "\n";
        String text = body.startsWith("prod:") ? body : MINIMAL + body;
        int line = lineOf(text, key.substring(key.lastIndexOf('.') + 1) + ":");
        DrException e = loadFailsAt(text, key, line);
        assertThat(e.getMessage()).contains("unknown key").contains("did you mean `" + suggestion + "`?");
        assertThat(e.hint()).contains("keys allowed");
    }

    @Test
    void unknownKeyFarFromAnyKnownOneListsTheAllowedKeys() {
        String yaml = MINIMAL.replace("    host: prod.example.com\n", "    host: h\n    compression: yes\n");
        DrException e = loadFailsAt(yaml, "prod.ssh.compression", 4);
        assertThat(e.getMessage()).doesNotContain("did you mean");
        assertThat(e.hint()).isEqualTo("keys allowed in prod.ssh: user, host, port, identity_file, known_hosts, host_key_fingerprint");
    }

    @Test
    void keyInTheWrongSectionSaysWhereItBelongs() {
        String yaml = MINIMAL + "postgres:\n  pg_port: 5432\n";
        DrException e = loadFailsAt(yaml, "postgres.pg_port", 5);
        assertThat(e.getMessage()).contains("exists as prod.pg_port");
    }

    @Test
    void hostileKeyIsShownEscaped() {
        String yaml = MINIMAL + "\"evil\\nkey\": 1\n";
        DrException e = loadFailsAt(yaml, "evil\\nkey", 4);
        assertThat(e.getMessage()).contains("unknown key");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            top level    | replica:\\n  name: a\\nreplica:\\n  name: b                  | replica       | 1 | 3
            section      | prod:\\n  ssh:\\n    host: a\\n    host: b                  | prod.ssh.host | 3 | 4
            second level | prod:\\n  ssh:\\n    host: a\\n  pg_port: 1\\n  pg_port: 2  | prod.pg_port  | 4 | 5
            """)
    void duplicateKeyIsAnError(String where, String yaml, String key, int first, int second) {
        DrException e = loadFailsAt(yaml.replace("\\n", "\n") + "\n", key, second);
        assertThat(e.getMessage()).contains("duplicate key").contains("first set at line " + first);
    }

    @Test
    void missingHostIsRequiredAtItsSection() {
        loadFailsAt("prod:\n  ssh:\n    user: ubuntu\n", "prod.ssh.host is required", 2);
    }

    @Test
    void emptyHostIsRequiredAtItsOwnLine() {
        loadFailsAt("prod:\n  pg_port: 5432\n  ssh:\n    host:\n", "prod.ssh.host is required", 4);
    }

    @Test
    void missingSshSectionPointsAtProd() {
        DrException e = loadFailsAt("replica:\n  name: x\nprod:\n  pg_port: 5432\n", "prod.ssh.host is required", 3);
        assertThat(e.getMessage()).contains("no prod.ssh: section");
    }

    @Test
    void missingProdSectionNamesTheFile() {
        DrException e = ConfigFixture.loadFails("replica:\n  name: x\n");
        assertThat(e.getMessage()).startsWith(ConfigFixture.FILE + ": prod.ssh.host is required")
                .contains("no prod.ssh: section");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("prod.ssh", "[a, b]", "expected a section", "found a list"),
                Arguments.of("replica", "prd-vnic", "expected a section", "found `prd-vnic`"),
                Arguments.of("prod.ssh.host", "{name: x}", "expected a host name or address", "found a mapping"),
                Arguments.of("prod.ssh.host", "[a, b]", "expected a host name or address", "found a list"),
                Arguments.of("prod.pg_port", "[5432]", "expected a port number", "found a list"),
                Arguments.of("prod.pg_port", "abc", "expected a port number (1-65535)", "found `abc`"),
                Arguments.of("postgres.hot_standby_feedback", "yes", "expected true or false", "found `yes`"),
                Arguments.of("postgres.hot_standby_feedback", "[true]", "expected true or false", "found a list"),
                Arguments.of("databases", "odoo", "expected a list", "found `odoo`"),
                Arguments.of("databases", "{odoo: 1}", "expected a list", "found a mapping"),
                Arguments.of("filestore.full_sync_interval", "{h: 1}", "expected a duration", "found a mapping"),
                Arguments.of("prod.container", "!custom odoo", "expected a container name", "tagged !custom"),
                Arguments.of("postgres.major", "fifteen", "expected a PostgreSQL major version", "found `fifteen`"),
                Arguments.of("postgres.major", "15.2", "expected a PostgreSQL major version", "found `15.2`"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("wrongTypes")
    void wrongTypeNamesKeyLineExpectedAndFound(String key, String value, String expected, String found) {
        String yaml = ConfigFixture.withValue(key, value);
        DrException e = loadFailsAt(yaml, key, lastLine(yaml));
        assertThat(e.getMessage()).contains(expected).contains(found);
        assertThat(e.hint()).isNotBlank();
    }

    @Test
    void keyThatIsNotTextIsRefused() {
        DrException e = loadFailsAt(MINIMAL + "? [a, b]\n: x\n", "top level", 4);
        assertThat(e.getMessage()).contains("a key must be a plain name");
    }

    @Test
    void blockListItemsReportTheirOwnLines() {
        String yaml = MINIMAL + "databases:\n  - odoo\n  - odoo_test\n  - \"bad name\"\n";
        DrException e = loadFailsAt(yaml, "databases[2]", 7);
        assertThat(e.getMessage()).contains("a space");
    }
}
