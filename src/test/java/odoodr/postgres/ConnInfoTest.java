package odoodr.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnInfoTest {

    @Test
    void quotesOnlyWhenNeededLikeAppendConnStrVal() {
        assertThat(ConnInfo.quote("replicator")).isEqualTo("replicator");
        assertThat(ConnInfo.quote("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(ConnInfo.quote("prd_vnic_replica")).isEqualTo("prd_vnic_replica");
        assertThat(ConnInfo.quote("prd-vnic_replica")).isEqualTo("'prd-vnic_replica'");
        assertThat(ConnInfo.quote("/var/lib/postgresql/.pgpass")).isEqualTo("'/var/lib/postgresql/.pgpass'");
        assertThat(ConnInfo.quote("")).isEqualTo("''");
        assertThat(ConnInfo.quote("a b")).isEqualTo("'a b'");
        assertThat(ConnInfo.quote("it's")).isEqualTo("'it\\'s'");
        assertThat(ConnInfo.quote("c:\\x")).isEqualTo("'c:\\\\x'");
    }

    @Test
    void nulIsRejected() {
        assertThatThrownBy(() -> ConnInfo.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "with space", "it's", "back\\slash", "'", "\\", "\\'", "a=b", "  lead",
        "tab\there", "caf\u00e9", "trailing\\"})
    void quoteParseRoundTrip(String value) {
        assertThat(ConnInfo.parse("k=" + ConnInfo.quote(value) + " next=1"))
                .containsExactly(entry("k", value), entry("next", "1"));
    }

    @Test
    void parsesWhatPgBasebackupWrites() {
        // the primary_conninfo value from a real PostgreSQL 15 pg_basebackup -R, once the GUC quoting is removed
        Map<String, String> parsed = ConnInfo.parse("user=repl password='a\\'b\\\\c:d' channel_binding=prefer "
                + "host=127.0.0.1 port=34435 sslmode=prefer sslcompression=0 sslsni=1 "
                + "ssl_min_protocol_version=TLSv1.2 gssencmode=prefer krbsrvname=postgres target_session_attrs=any");
        assertThat(parsed).containsEntry("user", "repl").containsEntry("password", "a'b\\c:d")
                .containsEntry("port", "34435").hasSize(12);
    }

    @Test
    void whitespaceAroundEqualsAndBackslashOutsideQuotes() {
        assertThat(ConnInfo.parse("  host = 127.0.0.1\tport=\n5432 user=a\\ b "))
                .containsExactly(entry("host", "127.0.0.1"), entry("port", "5432"), entry("user", "a b"));
    }

    @Test
    void lastValueOfARepeatedKeywordWins() {
        assertThat(ConnInfo.parse("port=1 port=2")).containsExactly(entry("port", "2"));
    }

    @Test
    void emptyStringIsNoParameters() {
        assertThat(ConnInfo.parse("   ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "host 127.0.0.1", "password='unterminated", "=x", "a=1 b"})
    void syntaxErrorsAreRejected(String conninfo) {
        assertThatThrownBy(() -> ConnInfo.parse(conninfo)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uriFormIsNotParsed() {
        assertThatThrownBy(() -> ConnInfo.parse("postgresql://u@h/db"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "user=r password=x host=h",
        "password = 'a b'",
        "user=r PASSWORD=x",
        "user=r password=",
        "user=r password='unterminated",
        "postgresql://r:secret@h:5432/db",
        "postgres://r:@h/db",
        "postgresql://h/db?user=r&password=x",
        "postgresql://h/db?pass%77ord=x",
        "postgresql://r:x@[::1]:5432"})
    void detectsPasswords(String conninfo) {
        assertThat(ConnInfo.containsPassword(conninfo)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "user=r passfile='/var/lib/postgresql/.pgpass' host=127.0.0.1 port=40000",
        "user=password host=h",
        "application_name='password=x'",
        "",
        "postgresql://r@h:5432/db",
        "postgresql://h/db?user=r&passfile=/x",
        "postgresql://h/db:with:colons"})
    void noFalseAlarms(String conninfo) {
        assertThat(ConnInfo.containsPassword(conninfo)).isFalse();
    }
}
