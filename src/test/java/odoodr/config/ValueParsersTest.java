package odoodr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value parsers on their own: durations, sizes, ports, IPv6, key suggestions. */
class ValueParsersTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            30s,   30
            5m,    300
            1h,    3600
            1h30m, 5400
            2d,    172800
            ' 1h ', 3600
            """)
    void durations(String text, long seconds) {
        assertThat(DurationValue.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            60        | has no unit
            1.5h      | is not a duration
            1H        | is not a duration
            5 m       | is not a duration
            1m1h      | is not a duration
            -5m       | is not a duration
            ''        | is not a duration
            1ms       | is not a duration
            99999999999999999999d | too long
            9999999999999d | too long
            3651d     | at most 3650d
            3650d1s   | at most 3650d
            """)
    void badDurations(String text, String problem) {
        assertThatThrownBy(() -> DurationValue.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void tenYearsIsTheLongestDuration() {
        assertThat(DurationValue.parse("3650d")).isEqualTo(DurationValue.LONGEST);
    }

    @Test
    void bareNumberDurationHintSaysToAddAUnit() {
        InvalidValueException e = (InvalidValueException) org.assertj.core.api.Assertions.catchThrowable(
                () -> DurationValue.parse("60"));
        assertThat(e.hint()).startsWith("add a unit, e.g. 60s or 60m");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0s,      0
            45s,     45
            1h,      3600
            1h30m,   5400
            2d,      172800
            1d1h1m1s, 90061
            """)
    void durationsFormatBack(String text, long seconds) {
        assertThat(DurationValue.format(Duration.ofSeconds(seconds))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            10kB,    10240
            512MB,   536870912
            50GB,    53687091200
            1GB,     1073741824
            1GiB,    1073741824
            1.5GiB,  1610612736
            1tb,     1099511627776
            100B,    100
            '2 MB',  2097152
            """)
    void sizesArePowersOf1024LikePostgres(String text, long bytes) {
        assertThat(ByteSizeValue.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            50        | has no unit
            50XB      | `XB` is not a size unit
            1.5B      | not a whole number of bytes
            GB        | is not a size
            -1GB      | is not a size
            ''        | is not a size
            99999999TB | too large
            """)
    void badSizes(String text, String problem) {
        assertThatThrownBy(() -> ByteSizeValue.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void sizesFormatInTheLargestExactUnit() {
        assertThat(ByteSizeValue.format(53687091200L)).isEqualTo("50GB");
        assertThat(ByteSizeValue.format(1610612736L)).isEqualTo("1536MB");
        assertThat(ByteSizeValue.format(100)).isEqualTo("100B");
        assertThat(ByteSizeValue.format(0)).isEqualTo("0B");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "abc", "0x10", "", "1e3", "1 2"})
    void badPorts(String text) {
        assertThatThrownBy(() -> PortValue.parse(text)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "2001:db8::7", "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "1:2:3:4:5:6:1.2.3.4"})
    void ipv6Literals(String text) {
        assertThat(SafeValueRules.isIpv6(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "::1.2.3", "g::"})
    void notIpv6Literals(String text) {
        assertThat(SafeValueRules.isIpv6(text)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            hots,     host
            hsot,     host
            HOST,     host
            pgport,   pg_port
            listn,    listen
            """)
    void suggestions(String typed, String expected) {
        assertThat(KeySuggestion.closest(typed, ConfigKeys.childrenOf("prod.ssh").contains(expected)
                ? ConfigKeys.childrenOf("prod.ssh") : expected.equals("pg_port") ? ConfigKeys.childrenOf("prod")
                : ConfigKeys.childrenOf("agent"))).contains(expected);
    }

    @Test
    void noSuggestionBeyondTwoEdits() {
        assertThat(KeySuggestion.closest("compression", ConfigKeys.childrenOf("prod.ssh"))).isEmpty();
        assertThat(KeySuggestion.distance("host", "hsot")).isEqualTo(1);
        assertThat(KeySuggestion.distance("major", "mjaor")).isEqualTo(1);
        assertThat(KeySuggestion.distance("listen", "lstn")).isEqualTo(2);
        assertThat(KeySuggestion.distance("abc", "xyz")).isEqualTo(3);
    }

    @Test
    void keysListTheSectionsChildrenInFileOrder() {
        assertThat(ConfigKeys.childrenOf("")).containsExactly("replica", "prod", "postgres", "databases", "filestore",
                "agent", "health", "archive", "drill");
        assertThat(ConfigKeys.childrenOf("archive")).containsExactly("enabled", "directory", "retention",
                "base_backup_interval");
        assertThat(ConfigKeys.childrenOf("prod")).containsExactly("ssh", "pg_port", "superuser",
                "superuser_password_file", "filestore_path", "container", "data_disk_path");
        assertThat(ConfigKeys.allKeys()).containsSubsequence("replica", "replica.name", "prod", "prod.ssh",
                "prod.ssh.user");
    }
}
