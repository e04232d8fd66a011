package odoodr.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import odoodr.process.Redactor;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void defaultIsFortyCharactersOfTheSafeAlphabet() {
        String password = Passwords.generate();
        assertThat(password).hasSize(Passwords.DEFAULT_LENGTH).matches("[A-Za-z0-9][A-Za-z0-9_-]+");
    }

    @Test
    void containsNothingAnyFileFormatWouldNeedToEscape() {
        for (int i = 0; i < 200; i++) {
            String password = Passwords.generate();
            assertThat(password).doesNotContain(":", "\\", "'", "\"", "`", "$", " ", "#", "=", "%", "&", "@");
            // every format odoo-dr writes it to reads it back unchanged without escaping
            assertThat(ConnInfo.quote(password)).isIn(password, "'" + password + "'");
            assertThat(PgPassEntry.escape(password)).isEqualTo(password);
            assertThat(ConfLiteral.quote(password)).isEqualTo("'" + password + "'");
            assertThat(Identifiers.quoteLiteral(password)).isEqualTo("'" + password + "'");
        }
    }

    @Test
    void isRegisteredWithTheRedactor() {
        String password = Passwords.generate();
        assertThat(Redactor.redact("PGPASSWORD=" + password)).isEqualTo("PGPASSWORD=" + Redactor.MASK);
    }

    @Test
    void valuesDifferAndUseTheWholeAlphabet() {
        Set<String> seen = new HashSet<>();
        Set<Character> chars = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String password = Passwords.generate();
            assertThat(seen.add(password)).isTrue();
            for (char c : password.toCharArray()) {
                chars.add(c);
            }
        }
        // 500 x 40 draws from 64 symbols: missing one has probability ~64 * (63/64)^19500, i.e. never
        assertThat(chars).hasSize(Passwords.ALPHABET.length());
    }

    @Test
    void firstCharacterIsNeverPunctuation() {
        for (int i = 0; i < 1000; i++) {
            assertThat(Passwords.generate().substring(0, 1)).matches("[A-Za-z0-9]");
        }
    }

    @Test
    void customLengthWithAFloor() {
        assertThat(Passwords.generate(64)).hasSize(64);
        assertThat(Passwords.generate(Passwords.MIN_LENGTH)).hasSize(32);
        assertThatThrownBy(() -> Passwords.generate(31)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedPasswordsHaveAScramVerifier() {
        String password = Passwords.generate();
        assertThat(ScramVerifier.compute(password).matches(password)).isTrue();
    }
}
