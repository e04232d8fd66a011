package odoodr.filestore.sync;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class StoreFnameTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @ParameterizedTest
    @ValueSource(strings = {"01/0123456789abcdef0123456789abcdef01234567", "012/0123456789abcdef0123456789abcdef01234567",
            "ff/ffffffffffffffffffffffffffffffffffffffff"})
    void odooNamesAndLegacyThreeCharacterDirectoriesAreAccepted(String name) {
        assertThat(StoreFname.isSafe(name)).isTrue();
        assertThat(StoreFname.problem(name)).isEmpty();
    }

    static java.util.stream.Stream<String> refused() {
        return java.util.stream.Stream.of("../" + SHA, "01/../../etc/passwd", "/etc/passwd", "/01/" + SHA, "01/" + SHA + "/",
                "01//" + SHA, "01/" + SHA + "\n", "01/" + SHA + "\n../x", "01/" + SHA.toUpperCase(), "0/" + SHA,
                "0123/" + SHA, "01/" + SHA.substring(1), "01/" + SHA + "0", "01\\" + SHA, "checklist/01/" + SHA,
                "01/.rsync-partial", "", " 01/" + SHA, "01/" + SHA.replace('a', 'g'));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("refused")
    void anythingElseIsRefused(String name) {
        assertThat(StoreFname.isSafe(name)).isFalse();
        assertThat(StoreFname.problem(name)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void nullIsRefusedAndProblemsSayWhy() {
        assertThat(StoreFname.isSafe(null)).isFalse();
        assertThat(StoreFname.problem("/etc/passwd")).contains("absolute path");
        assertThat(StoreFname.problem("01/../x")).contains("contains ..");
    }

    @org.junit.jupiter.api.Test
    void printableEscapesControlCharactersAndCapsLength() {
        assertThat(StoreFname.printable("a\nb\u001b")).isEqualTo("a\\x0ab\\x1b");
        assertThat(StoreFname.printable("x".repeat(500))).hasSize(123).endsWith("...");
    }
}
