package odoodr.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PgPassContentTest {

    private static String render(PgPassContent content) {
        return new String(content.toBytes(), StandardCharsets.UTF_8);
    }

    private static String password(PgPassContent content, String host, String port, String db, String user) {
        return content.find(host, port, db, user).map(PgPassEntry::password).orElse(null);
    }

    @Nested
    class ReadingLikeLibpq {

        @Test
        void plainLine() {
            PgPassContent content = PgPassContent.parse("127.0.0.1:40000:replication:replicator:pw\n");
            assertThat(content.entries()).containsExactly(
                    new PgPassEntry("127.0.0.1", "40000", "replication", "replicator", "pw"));
        }

        @Test
        void escapesInKeyFieldsAndPassword() {
            PgPassContent content = PgPassContent.parse("\\:\\:1:5432:d\\\\b:u\\:x:p\\:a\\\\ss\n");
            assertThat(password(content, "::1", "5432", "d\\b", "u:x")).isEqualTo("p:a\\ss");
        }

        @Test
        void passwordEndsAtTheNextUnescapedColon() {
            PgPassContent content = PgPassContent.parse("h:1:d:u:pass:ignored:too\n");
            assertThat(password(content, "h", "1", "d", "u")).isEqualTo("pass");
        }

        @Test
        void loneTrailingBackslashInPasswordIsKept() {
            PgPassContent content = PgPassContent.parse("h:1:d:u:pass\\\n");
            assertThat(password(content, "h", "1", "d", "u")).isEqualTo("pass\\");
        }

        @Test
        void emptyPasswordIsAMatch() {
            PgPassContent content = PgPassContent.parse("h:1:d:u:\nh:1:d:u:later\n");
            assertThat(password(content, "h", "1", "d", "u")).isEmpty();
        }

        @Test
        void lineWithoutColonAfterTheUserNeverMatches() {
            PgPassContent content = PgPassContent.parse("h:1:d:u\nh:1:d:*\n");
            assertThat(content.find("h", "1", "d", "u")).isEmpty();
            assertThat(content.entries()).isEmpty();
            assertThat(content.lineCount()).isEqualTo(2);
        }

        @Test
        void onlyAFirstCharacterHashIsAComment() {
            PgPassContent content = PgPassContent.parse("#h:1:d:u:commented\n #h:1:d:u:not-a-comment\n");
            assertThat(content.find("h", "1", "d", "u")).isEmpty();
            assertThat(password(content, " #h", "1", "d", "u")).isEqualTo("not-a-comment");
        }

        @Test
        void wildcardIsTheWholeFieldOnly() {
            PgPassContent content = PgPassContent.parse("h:1:*x:u:a\nh:1:\\*:u:b\nh:1:*:u:c\n");
            assertThat(password(content, "h", "1", "*x", "u")).isEqualTo("a");
            assertThat(password(content, "h", "1", "*", "u")).isEqualTo("b"); // \* is a literal star
            assertThat(password(content, "h", "1", "postgres", "u")).isEqualTo("c");
        }

        @Test
        void firstMatchWins() {
            PgPassContent content = PgPassContent.parse("""
                    127.0.0.1:40000:*:*:prod-superuser
                    127.0.0.1:40000:replication:replicator:never-used
                    """);
            assertThat(password(content, "127.0.0.1", "40000", "replication", "replicator"))
                    .isEqualTo("prod-superuser");
        }

        @Test
        void crlfAndBlankLinesAndMissingFinalNewline() {
            PgPassContent content = PgPassContent.parse("\r\nh:1:d:u:pw\r\n\nh:2:d:u:last");
            assertThat(password(content, "h", "1", "d", "u")).isEqualTo("pw");
            assertThat(password(content, "h", "2", "d", "u")).isEqualTo("last");
            assertThat(content.lineCount()).isEqualTo(4);
        }

        @Test
        void matchingIsCaseSensitiveAndLiteral() {
            PgPassContent content = PgPassContent.parse("LOCALHOST:5432:d:u:pw\n");
            assertThat(content.find("localhost", 5432, "d", "u")).isEmpty();
            assertThat(content.find("LOCALHOST", 5432, "d", "u")).isPresent();
        }

        @Test
        void keyFieldEndingInALoneBackslashNeverMatches() {
            PgPassContent content = PgPassContent.parse("h\\");
            assertThat(content.entries()).isEmpty();
        }
    }

    @Nested
    class EnsuringEntries {
        private final List<PgPassEntry> pair = PgPassEntry.replicationPair("127.0.0.1", 40000, "replicator", "new");

        @Test
        void emptyFileGetsThePairInOrder() {
            PgPassContent updated = PgPassContent.empty().withEntries(pair);
            assertThat(render(updated)).isEqualTo("""
                    127.0.0.1:40000:replication:replicator:new
                    127.0.0.1:40000:*:replicator:new
                    """);
        }

        @Test
        void rotatedPasswordReplacesTheOldLinesInPlaceAndOthersAreUntouched() {
            PgPassContent content = PgPassContent.parse("""
                    # managed by hand
                    10.0.0.5:5432:odoo:odoo:other-users-password
                    127.0.0.1:40000:replication:replicator:old
                    127.0.0.1:40000:*:replicator:old
                    *:*:*:backup:backup-pw
                    """);
            assertThat(render(content.withEntries(pair))).isEqualTo("""
                    # managed by hand
                    10.0.0.5:5432:odoo:odoo:other-users-password
                    127.0.0.1:40000:replication:replicator:new
                    127.0.0.1:40000:*:replicator:new
                    *:*:*:backup:backup-pw
                    """);
        }

        @Test
        void isIdempotent() {
            PgPassContent content = PgPassContent.parse("""
                    *:*:*:*:catch-all
                    10.0.0.5:5432:odoo:odoo:x
                    127.0.0.1:40000:postgres:replicator:old
                    """);
            PgPassContent once = content.withEntries(pair);
            PgPassContent twice = once.withEntries(pair);
            assertThat(twice).isEqualTo(once);
            assertThat(render(twice)).isEqualTo(render(once));
        }

        @Test
        void laterDuplicatesOfAKeyAreDropped() {
            PgPassContent content = PgPassContent.parse("""
                    127.0.0.1:40000:replication:replicator:old1
                    x:1:d:u:keep
                    127.0.0.1:40000:replication:replicator:old2
                    """);
            assertThat(render(content.withEntries(List.of(pair.get(0))))).isEqualTo("""
                    127.0.0.1:40000:replication:replicator:new
                    x:1:d:u:keep
                    """);
        }

        @Test
        void aShadowingWildcardLineKeepsItsPlaceButOurEntriesGoBeforeIt() {
            // the runbook's .pgpass.prod style line for the superuser would answer replicator's lookups first
            PgPassContent content = PgPassContent.parse("""
                    # top
                    10.0.0.5:5432:odoo:odoo:unrelated
                    127.0.0.1:40000:*:*:prod-superuser
                    other:1:d:u:after
                    """);
            PgPassContent updated = content.withEntries(pair);
            assertThat(render(updated)).isEqualTo("""
                    # top
                    10.0.0.5:5432:odoo:odoo:unrelated
                    127.0.0.1:40000:replication:replicator:new
                    127.0.0.1:40000:*:replicator:new
                    127.0.0.1:40000:*:*:prod-superuser
                    other:1:d:u:after
                    """);
            assertThat(password(updated, "127.0.0.1", "40000", "replication", "replicator")).isEqualTo("new");
            assertThat(password(updated, "127.0.0.1", "40000", "postgres", "replicator")).isEqualTo("new");
            assertThat(password(updated, "127.0.0.1", "40000", "postgres", "odoo")).isEqualTo("prod-superuser");
        }

        @Test
        void aReplacedLineBehindAShadowMovesUp() {
            PgPassContent content = PgPassContent.parse("""
                    *:*:*:*:catch-all
                    127.0.0.1:40000:*:replicator:old
                    """);
            PgPassContent updated = content.withEntries(pair);
            assertThat(render(updated)).isEqualTo("""
                    127.0.0.1:40000:replication:replicator:new
                    127.0.0.1:40000:*:replicator:new
                    *:*:*:*:catch-all
                    """);
        }

        @Test
        void theWildcardEntryMovesBeforeAnOlderSpecificLineOfTheSameUser() {
            PgPassContent content = PgPassContent.parse("""
                    127.0.0.1:40000:postgres:replicator:stale
                    """);
            PgPassContent updated = content.withEntries(pair);
            assertThat(password(updated, "127.0.0.1", "40000", "postgres", "replicator")).isEqualTo("new");
            assertThat(password(updated, "127.0.0.1", "40000", "replication", "replicator")).isEqualTo("new");
            // the stale line stays (it is not ours to delete), but is dead
            assertThat(render(updated)).contains("127.0.0.1:40000:postgres:replicator:stale");
        }

        @Test
        void earlierGivenEntryKeepsPriorityOverALaterOverlappingOne() {
            PgPassEntry specific = new PgPassEntry("h", "1", "replication", "u", "A");
            PgPassEntry wildcard = new PgPassEntry("h", "1", "*", "u", "B");
            PgPassContent content = PgPassContent.parse("h:1:*:u:old\nh:1:postgres:u:x\n");
            PgPassContent updated = content.withEntries(List.of(specific, wildcard));
            assertThat(password(updated, "h", "1", "replication", "u")).isEqualTo("A");
            assertThat(password(updated, "h", "1", "postgres", "u")).isEqualTo("B");
            assertThat(updated.withEntries(List.of(specific, wildcard))).isEqualTo(updated);
        }

        @Test
        void nonOverlappingLinesNeverMove() {
            PgPassContent content = PgPassContent.parse("""
                    a:1:d:u:1
                    127.0.0.1:40000:*:odoo:2
                    *:*:*:postgres:3
                    """);
            assertThat(render(content.withEntries(pair))).isEqualTo("""
                    a:1:d:u:1
                    127.0.0.1:40000:*:odoo:2
                    *:*:*:postgres:3
                    127.0.0.1:40000:replication:replicator:new
                    127.0.0.1:40000:*:replicator:new
                    """);
        }

        @Test
        void untouchedLinesKeepTheirExactBytesEvenIfNotUtf8() {
            byte[] latin1 = "caf\u00e9:1:d:u:pw\r\n#comment \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
            PgPassContent updated = PgPassContent.parse(latin1).withEntries(pair);
            byte[] bytes = updated.toBytes();
            byte[] expectedStart = "caf\u00e9:1:d:u:pw\r\n#comment \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
            assertThat(java.util.Arrays.copyOf(bytes, expectedStart.length)).isEqualTo(expectedStart);
        }

        @Test
        void missingFinalNewlineIsAddedBeforeAppending() {
            PgPassContent updated = PgPassContent.parse("x:1:d:u:pw").withEntries(List.of(pair.get(0)));
            assertThat(render(updated)).isEqualTo("x:1:d:u:pw\n127.0.0.1:40000:replication:replicator:new\n");
        }

        @Test
        void literalStarLineIsNotTheWildcardKey() {
            PgPassContent content = PgPassContent.parse("127.0.0.1:40000:\\*:replicator:literal\n");
            PgPassContent updated = content.withEntries(List.of(pair.get(1)));
            assertThat(render(updated)).isEqualTo("""
                    127.0.0.1:40000:*:replicator:new
                    127.0.0.1:40000:\\*:replicator:literal
                    """);
        }

        @Test
        void specialCharactersRoundTrip() {
            PgPassEntry tricky = new PgPassEntry("::1", "5432", "db", "user", "a:b\\c'd\"e #f");
            PgPassContent updated = PgPassContent.empty().withEntries(List.of(tricky));
            PgPassContent reparsed = PgPassContent.parse(updated.toBytes());
            assertThat(reparsed.find("::1", "5432", "db", "user")).contains(tricky);
        }

        @Test
        void duplicateKeysInTheRequestAreRejected() {
            PgPassEntry a = new PgPassEntry("h", "1", "d", "u", "x");
            PgPassEntry b = new PgPassEntry("h", "1", "d", "u", "y");
            assertThatThrownBy(() -> PgPassContent.empty().withEntries(List.of(a, b)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("x").hasMessageNotContaining("y");
        }

        @Test
        void emptyRequestChangesNothing() {
            PgPassContent content = PgPassContent.parse("a:1:d:u:p\n");
            assertThat(content.withEntries(List.of())).isEqualTo(content);
        }
    }

    @Nested
    class RemovingEntries {

        @Test
        void removesMatchingEntriesOnlyAndKeepsCommentsAndOrder() {
            PgPassContent content = PgPassContent.parse("""
                    # comment mentioning replicator
                    a:1:d:odoo:1
                    127.0.0.1:40000:replication:replicator:x
                    b:1:d:odoo:2
                    127.0.0.1:40000:*:replicator:x
                    malformed-line
                    """);
            PgPassContent updated = content.without(e -> e.user().equals("replicator"));
            assertThat(render(updated)).isEqualTo("""
                    # comment mentioning replicator
                    a:1:d:odoo:1
                    b:1:d:odoo:2
                    malformed-line
                    """);
        }

        @Test
        void nothingToRemoveReturnsTheSameContent() {
            PgPassContent content = PgPassContent.parse("a:1:d:u:p\n");
            assertThat(content.without(e -> false)).isSameAs(content);
        }
    }

    @Test
    void toStringHidesPasswords() {
        PgPassContent content = PgPassContent.parse("h:1:d:u:VerySecret\n# c\n");
        assertThat(content.toString()).doesNotContain("VerySecret").contains("2 lines").contains("h:1:d:u");
    }
}
