package odoodr.config;

import static odoodr.config.ConfigFixture.lastLine;
import static odoodr.config.ConfigFixture.loadFailsAt;
import static odoodr.config.ConfigFixture.quote;
import static odoodr.config.ConfigFixture.withValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import odoodr.DrException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every string that reaches a command line, a remote shell, a path or an SQL name refuses shell metacharacters,
 * quotes, whitespace, control characters and a leading -, and the error names the key and its line.
 */
class HostileValuesTest {
    /** Keys whose value becomes a name or argument (not a path). */
    private static final List<String> NAME_KEYS = List.of(
            ConfigKeys.REPLICA_NAME, ConfigKeys.PROD_SSH_USER, ConfigKeys.PROD_SSH_HOST, ConfigKeys.PROD_SUPERUSER,
            ConfigKeys.PROD_CONTAINER, ConfigKeys.POSTGRES_CLUSTER, ConfigKeys.POSTGRES_REPLICATION_USER,
            ConfigKeys.DATABASES, ConfigKeys.AGENT_LISTEN);
    private static final List<String> PATH_KEYS = List.of(
            ConfigKeys.PROD_SSH_IDENTITY_FILE, ConfigKeys.PROD_SSH_KNOWN_HOSTS, ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE,
            ConfigKeys.PROD_FILESTORE_PATH, ConfigKeys.PROD_DATA_DISK_PATH, ConfigKeys.FILESTORE_LOCAL_BASE);

    private static final List<String> HOSTILE = List.of(
            "$(reboot)", "x$(id)", "`id`", "x`id`", "a;reboot", "a|sh", "a&b", "a&&b", "a'b", "a\"b", "a\nb", "a\rb",
            "a b", " a", "a ", "a\tb", "a\u0000b", "a\u001b[31mb", "a\u202eb", "-oProxyCommand=sh", "-x", "--help",
            "a>b", "a<b", "a*", "a?", "~root", "a\\b", "a!b", "a#b", "a{b,c}", "a%b");

    static Stream<Arguments> hostileNames() {
        return NAME_KEYS.stream().flatMap(key -> HOSTILE.stream().map(value -> Arguments.of(key, value)));
    }

    static Stream<Arguments> hostilePaths() {
        return PATH_KEYS.stream().flatMap(key -> Stream.concat(
                // "/srv/-x" stays: inside an absolute path a leading - cannot be read as an option
                HOSTILE.stream().filter(v -> !v.matches("-+[a-z]+")).map(value -> Arguments.of(key, "/srv/" + value)),
                Stream.of("relative/x", "-/x", "/srv/../etc", "/srv/..", "~/x", "/srv/a b", "")
                        .map(value -> Arguments.of(key, value))));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("hostileNames")
    void namesRefuseHostileValues(String key, String value) {
        String yaml = key.equals(ConfigKeys.DATABASES)
                ? withValue(key, "[odoo, " + quote(value) + "]")
                : withValue(key, quote(value));
        String reported = key.equals(ConfigKeys.DATABASES) ? "databases[1]" : key;
        DrException e = loadFailsAt(yaml, reported, lastLine(yaml));
        assertThat(e.getMessage()).doesNotContain(value.contains("\u001b") ? "\u001b" : "\u0000");
        assertThat(e.hint()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("hostilePaths")
    void pathsRefuseHostileValues(String key, String value) {
        String yaml = withValue(key, quote(value));
        DrException e = loadFailsAt(yaml, key, lastLine(yaml));
        assertThat(e.hint()).contains("absolute path");
    }

    @ParameterizedTest(name = "host {0}")
    @MethodSource("validHosts")
    void hostsThatAreFine(String host) {
        assertThat(ConfigFixture.load(withValue(ConfigKeys.PROD_SSH_HOST, quote(host))).prod().ssh().host())
                .isEqualTo(host.replace("[", "").replace("]", ""));
    }

    static Stream<String> validHosts() {
        return Stream.of("prod", "prod.example.com", "prod.example.com.", "my_alias", "10.0.0.7", "::1",
                "2001:db8::7", "[2001:db8::7]", "fe80::1:2:3:4", "::ffff:192.0.2.1", "xn--bcher-kva.example");
    }

    @ParameterizedTest(name = "host {0}")
    @MethodSource("invalidHosts")
    void hostsThatAreNot(String host) {
        String yaml = withValue(ConfigKeys.PROD_SSH_HOST, quote(host));
        loadFailsAt(yaml, ConfigKeys.PROD_SSH_HOST, lastLine(yaml));
    }

    static Stream<String> invalidHosts() {
        return Stream.of("", "256.1.1.1", "1.2.3", "1.2.3.4.5", "2001:db8:::7", "1:2:3:4:5:6:7:8:9", "g::1",
                "prod..example", "-prod", "prod-.example", ".prod", "a".repeat(64) + ".com", "user@prod",
                "prod:22", "fe80::1%eth0");
    }
}
