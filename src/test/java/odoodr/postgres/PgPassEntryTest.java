package odoodr.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import odoodr.process.Redactor;
import org.junit.jupiter.api.Test;

class PgPassEntryTest {

    @Test
    void toLineEscapesColonAndBackslashInEveryField() {
        PgPassEntry entry = new PgPassEntry("::1", "5432", "db:x", "us\\er", "p:a\\ss");
        assertThat(entry.toLine()).isEqualTo("\\:\\:1:5432:db\\:x:us\\\\er:p\\:a\\\\ss");
    }

    @Test
    void wildcardKeyFieldsStayBare() {
        PgPassEntry entry = new PgPassEntry("*", "*", "*", "*", "pw");
        assertThat(entry.toLine()).isEqualTo("*:*:*:*:pw");
        assertThat(new PgPassEntry("h", "1", "d", "u", "*").toLine()).isEqualTo("h:1:d:u:*");
    }

    @Test
    void replicationPairIsSpecificThenWildcard() {
        List<PgPassEntry> pair = PgPassEntry.replicationPair("127.0.0.1", 40000, "replicator", "s3cret");
        assertThat(pair).extracting(PgPassEntry::toLine).containsExactly(
                "127.0.0.1:40000:replication:replicator:s3cret",
                "127.0.0.1:40000:*:replicator:s3cret");
    }

    @Test
    void toStringNeverShowsThePassword() {
        PgPassEntry entry = new PgPassEntry("127.0.0.1", 40000, "replication", "replicator", "TopSecret123");
        assertThat(entry.toString())
                .doesNotContain("TopSecret123")
                .isEqualTo("PgPassEntry[127.0.0.1:40000:replication:replicator:" + Redactor.MASK + "]");
        assertThat(entry.key().toString()).isEqualTo("127.0.0.1:40000:replication:replicator");
    }

    @Test
    void matchesWithWildcards() {
        PgPassEntry entry = new PgPassEntry("127.0.0.1", "40000", "*", "replicator", "pw");
        assertThat(entry.matches("127.0.0.1", "40000", "postgres", "replicator")).isTrue();
        assertThat(entry.matches("127.0.0.1", "40000", "replication", "replicator")).isTrue();
        assertThat(entry.matches("127.0.0.1", "40001", "postgres", "replicator")).isFalse();
        assertThat(entry.matches("localhost", "40000", "postgres", "replicator")).isFalse();
        assertThat(entry.matches("127.0.0.1", "40000", "postgres", "Replicator")).isFalse();
    }

    @Test
    void keysOverlapWhenSomeLookupMatchesBoth() {
        PgPassEntry.Key specific = new PgPassEntry.Key("h", "1", "replication", "u");
        assertThat(specific.overlaps(new PgPassEntry.Key("h", "1", "*", "u"))).isTrue();
        assertThat(specific.overlaps(new PgPassEntry.Key("*", "*", "*", "*"))).isTrue();
        assertThat(specific.overlaps(new PgPassEntry.Key("h", "1", "postgres", "u"))).isFalse();
        assertThat(specific.overlaps(new PgPassEntry.Key("h", "1", "*", "other"))).isFalse();
        assertThat(new PgPassEntry.Key("h", "1", "*", "u").overlaps(new PgPassEntry.Key("h", "1", "postgres", "*")))
                .isTrue();
    }

    @Test
    void lineBreaksAndNulAreRejected() {
        assertThatThrownBy(() -> new PgPassEntry("h", "1", "d", "u", "a\nb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("a\nb");
        assertThatThrownBy(() -> new PgPassEntry("h\r", "1", "d", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PgPassEntry("h", "1", "d", "u\0", "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PgPassEntry(null, "1", "d", "u", "p"))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void intPortConstructor() {
        assertThat(new PgPassEntry("h", 5432, "d", "u", "p").port()).isEqualTo("5432");
    }
}
