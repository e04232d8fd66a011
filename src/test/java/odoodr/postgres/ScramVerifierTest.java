package odoodr.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import odoodr.process.Redactor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScramVerifierTest {

    /**
     * {@code pg_authid.rolpassword} of roles created with {@code CREATE ROLE ... PASSWORD '<plain>'} on PostgreSQL
     * 15.18 (Debian 15.18-0+deb12u1), password_encryption = scram-sha-256. The salt is random per role, so each
     * verifier is recomputed from its own salt.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "superpw|SCRAM-SHA-256$4096:ucEqUr3fA51qkLxQadIdeQ==$yzbs8Yx135+jdhshWRRfBBSWR93hmiyohnUw5lEF6sk=:"
            + "Npi8Lbm0UusvM1YNZ6dAauh292/Oz1iwHpq6KCjXbVI=",
        "a'b\\c:d|SCRAM-SHA-256$4096:B3/Sz8TP9IkXS5Ik736S8g==$4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=:"
            + "7swF3ee/q8tE/P0r+WdujxL4ZQkaDY17ZtXrHSMK0m0=",
        "correct horse battery staple|SCRAM-SHA-256$4096:jzJh6pWPfwwaUbMCJuIGDA==$"
            + "3TG4OfTY3I9OonuuXrb1ixlPJcDc0BbxciEKHeWuZqs=:qchMzrpj+Ht71uUt9u+RU7k8bACyND7SXE63FIc9pBk=",
        "Zx9_-aB3kLmN0pQrStUvWxYz12345678abcdEFGH|SCRAM-SHA-256$4096:+lX3azXW8OjxNbe6flajKg==$"
            + "li9A+grhhahaeqrK//MAOtsfgw58p8SGxf5Q4JwFChg=:St8YAY84cRNpr91e8AQNH16y2PiDh2JRN8Jzuu/mb0o="})
    void matchesWhatPostgres15Stores(String password, String stored) {
        ScramVerifier fromServer = ScramVerifier.parse(stored);
        ScramVerifier ours = ScramVerifier.compute(password, fromServer.salt(), fromServer.iterations());
        assertThat(ours.text()).isEqualTo(stored);
        assertThat(fromServer.matches(password)).isTrue();
        assertThat(fromServer.matches(password + "x")).isFalse();
    }

    @Test
    void rfc7677Example() {
        // RFC 7677 section 3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, i=4096; the
        // ServerSignature there is HMAC(ServerKey, AuthMessage), so check the ServerKey through it
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        ScramVerifier v = ScramVerifier.compute("pencil", salt, 4096);
        String authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
                + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
                + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        assertThat(Base64.getEncoder().encodeToString(hmac(v.serverKey(), authMessage)))
                .isEqualTo("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        // and the StoredKey through the client's proof: ClientKey = proof XOR HMAC(StoredKey, AuthMessage)
        byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        byte[] signature = hmac(v.storedKey(), authMessage);
        byte[] clientKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        assertThat(sha256(clientKey)).isEqualTo(v.storedKey());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void randomSaltDefaultsAndFormat() {
        ScramVerifier a = ScramVerifier.compute("secret-password");
        ScramVerifier b = ScramVerifier.compute("secret-password");
        assertThat(a.iterations()).isEqualTo(4096);
        assertThat(a.salt()).hasSize(16);
        assertThat(a.text()).matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=");
        assertThat(a.text()).isNotEqualTo(b.text());
        assertThat(a.matches("secret-password")).isTrue();
        assertThat(b.matches("secret-password")).isTrue();
        assertThat(ScramVerifier.parse(a.text())).isEqualTo(a);
        assertThat(ScramVerifier.isVerifier(a.text())).isTrue();
    }

    @Test
    void toStringHidesSaltAndKeys() {
        ScramVerifier v = ScramVerifier.compute("secret-password");
        assertThat(v.toString()).isEqualTo("SCRAM-SHA-256$4096:" + Redactor.MASK);
    }

    @Test
    void accessorsReturnCopies() {
        ScramVerifier v = ScramVerifier.compute("secret-password");
        v.salt()[0] ^= 1;
        v.storedKey()[0] ^= 1;
        assertThat(v.matches("secret-password")).isTrue();
    }

    @Test
    void otherIterationCounts() {
        byte[] salt = new byte[16];
        ScramVerifier v = ScramVerifier.compute("pw", salt, 1);
        assertThat(v.text()).startsWith("SCRAM-SHA-256$1:AAAAAAAAAAAAAAAAAAAAAA==$");
        assertThat(ScramVerifier.parse(v.text()).matches("pw")).isTrue();
        assertThatThrownBy(() -> ScramVerifier.compute("pw", salt, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScramVerifier.compute("pw", new byte[0], 4096))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAsciiPasswordsBecauseSaslPrepIsNotImplemented() {
        assertThatThrownBy(() -> ScramVerifier.compute("caf\u00e9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ASCII").hasMessageNotContaining("caf");
        assertThatThrownBy(() -> ScramVerifier.compute("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScramVerifier.compute("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScramVerifier.compute("x".repeat(1025)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ScramVerifier.compute("x".repeat(1024)).matches("x".repeat(1024))).isTrue();
        // ASCII control characters are passed through unchanged by pg_saslprep, so they are fine
        assertThat(ScramVerifier.compute("tab\there").matches("tab\there")).isTrue();
    }

    @Test
    void matchesIsFalseForUnusablePasswords() {
        ScramVerifier v = ScramVerifier.compute("pw");
        assertThat(v.matches("caf\u00e9")).isFalse();
        assertThat(v.matches("")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "md5d1e5f4ab2a2a7a3bc5b9b1a2b6c3ab6f",
        "SCRAM-SHA-256$4096:c2FsdA==$short:short",
        "SCRAM-SHA-256$0:c2FsdA==$4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=:4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=",
        "SCRAM-SHA-256$99999999999:c2FsdA==$4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=:4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=",
        "SCRAM-SHA-256$4096:c2Fsd===$4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=:4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=",
        "SCRAM-SHA-1$4096:c2FsdA==$4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=:4NDLJFzbfNmYuBUY+6a2QfoSrf++b9rd+NbjnwQN0hA=",
        "plain password"})
    void parseRejectsNonVerifiers(String text) {
        assertThatThrownBy(() -> ScramVerifier.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ScramVerifier.isVerifier(text)).isFalse();
    }
}
