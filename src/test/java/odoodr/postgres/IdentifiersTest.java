package odoodr.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void quoteIdentAlwaysQuotesAndDoublesQuotes() {
        assertThat(Identifiers.quoteIdent("replicator")).isEqualTo("\"replicator\"");
        assertThat(Identifiers.quoteIdent("Replicator")).isEqualTo("\"Replicator\"");
        assertThat(Identifiers.quoteIdent("user")).isEqualTo("\"user\"");
        assertThat(Identifiers.quoteIdent("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(Identifiers.quoteIdent("x\"; DROP ROLE postgres; --"))
                .isEqualTo("\"x\"\"; DROP ROLE postgres; --\"");
        assertThat(Identifiers.quoteIdent("r\u00e9pl")).isEqualTo("\"r\u00e9pl\"");
    }

    @Test
    void quoteIdentRefusesWhatPostgresWouldChange() {
        assertThatThrownBy(() -> Identifiers.quoteIdent("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Identifiers.quoteIdent("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Identifiers.quoteIdent("x".repeat(63))).hasSize(65);
        assertThatThrownBy(() -> Identifiers.quoteIdent("x".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        // 32 two-byte characters = 64 bytes
        assertThatThrownBy(() -> Identifiers.quoteIdent("\u00e9".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quoteLiteralLikeQuoteLiteral() {
        assertThat(Identifiers.quoteLiteral("abc")).isEqualTo("'abc'");
        assertThat(Identifiers.quoteLiteral("")).isEqualTo("''");
        assertThat(Identifiers.quoteLiteral("it's")).isEqualTo("'it''s'");
        assertThat(Identifiers.quoteLiteral("a\\b")).isEqualTo("E'a\\\\b'");
        assertThat(Identifiers.quoteLiteral("a\\'b")).isEqualTo("E'a\\\\''b'");
        assertThat(Identifiers.quoteLiteral("x'); DROP ROLE postgres; --")).isEqualTo("'x''); DROP ROLE postgres; --'");
        assertThat(Identifiers.quoteLiteral("$$dollar$$")).isEqualTo("'$$dollar$$'");
    }

    @Test
    void quoteLiteralRefusesNul() {
        assertThatThrownBy(() -> Identifiers.quoteLiteral("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replicationRoleStatements() {
        ScramVerifier v = ScramVerifier.parse("SCRAM-SHA-256$4096:B3/Sz8TP9IkXS5Ik736S8g==$"
                + "4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=:7swF3ee/q8tE/P0r+WdujxL4ZQkaDY17ZtXrHSMK0m0=");
        assertThat(ReplicationRoleSql.createRole("replicator", v)).isEqualTo(
                "CREATE ROLE \"replicator\" WITH LOGIN REPLICATION PASSWORD 'SCRAM-SHA-256$4096:B3/Sz8TP9IkXS5Ik736S8g==$"
                        + "4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=:7swF3ee/q8tE/P0r+WdujxL4ZQkaDY17ZtXrHSMK0m0='");
        assertThat(ReplicationRoleSql.alterRole("rep\"l", v)).startsWith(
                "ALTER ROLE \"rep\"\"l\" WITH LOGIN REPLICATION PASSWORD 'SCRAM-SHA-256$4096:");
        assertThat(ReplicationRoleSql.grantMonitor("replicator")).isEqualTo("GRANT pg_monitor TO \"replicator\"");
        assertThat(ReplicationRoleSql.ROLE_EXISTS).contains("?");
    }
}
