package odoodr.postgres;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import odoodr.process.Redactor;

/**
 * A SCRAM-SHA-256 password verifier in PostgreSQL's {@code pg_authid.rolpassword} format,
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64 with padding), computed on the client
 * as libpq's {@code PQencryptPasswordConn} does ({@code pg_fe_scram_build_secret} → {@code scram_build_secret} in
 * {@code src/common/scram-common.c}; RFC 5802 / RFC 7677):
 * <pre>
 * SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, iterations, 32 bytes)
 * StoredKey      = SHA-256(HMAC(SaltedPassword, "Client Key"))
 * ServerKey      = HMAC(SaltedPassword, "Server Key")
 * </pre>
 * with a random 16-byte salt and 4096 iterations, PostgreSQL 15's defaults.
 *
 * <p><b>Why.</b> odoo-dr sets the replication role's password with {@code CREATE/ALTER ROLE ... PASSWORD '<verifier>'}
 * (see {@link ReplicationRoleSql}). PostgreSQL stores a string that already is a SCRAM verifier as it is, whatever
 * {@code password_encryption} says, so the plain password never travels to the server: statement logging
 * ({@code log_statement = ddl/all}), {@code pg_stat_statements}, {@code pg_stat_activity} and error reports can only
 * ever show the verifier, from which a password of {@link Passwords}' 240 random bits cannot be recovered.
 *
 * <p><b>Limit: ASCII passwords only.</b> libpq first normalises the password with SASLprep (RFC 4013), which leaves
 * pure ASCII unchanged ({@code pg_saslprep}'s fast path) but maps, NFKC-normalises and checks non-ASCII against
 * Unicode 3.2 tables that Java does not ship. A verifier computed differently from the server's would silently lock
 * the role out, so non-ASCII passwords are refused rather than guessed at. Generated passwords are ASCII.
 */
public final class ScramVerifier {
    public static final String MECHANISM = "SCRAM-SHA-256";
    /** PostgreSQL 15's SCRAM_DEFAULT_ITERATIONS. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** PostgreSQL 15's SCRAM_DEFAULT_SALT_LEN, in bytes. */
    public static final int SALT_LENGTH = 16;
    /** libpq's MAX_PASSWORD_LENGTH: it refuses to authenticate with a longer password. */
    public static final int MAX_PASSWORD_BYTES = 1024;

    private static final int KEY_LENGTH = 32;
    private static final Pattern FORMAT = Pattern.compile(
            "SCRAM-SHA-256\\$(\\d{1,10}):([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] storedKey;
    private final byte[] serverKey;

    private ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
        this.iterations = iterations;
        this.salt = salt;
        this.storedKey = storedKey;
        this.serverKey = serverKey;
    }

    /** The verifier of {@code password} with a fresh random salt and the default iterations. */
    public static ScramVerifier compute(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return compute(password, salt, DEFAULT_ITERATIONS);
    }

    /**
     * The verifier of {@code password} with this salt and iteration count (deterministic: for tests, and to check a
     * password against a stored verifier).
     *
     * @throws IllegalArgumentException if the password is empty, not ASCII, contains NUL or is longer than
     *                                  {@value #MAX_PASSWORD_BYTES} bytes, or the salt is empty
     */
    public static ScramVerifier compute(String password, byte[] salt, int iterations) {
        byte[] passwordBytes = checkedPasswordBytes(password);
        Objects.requireNonNull(salt, "salt");
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        try {
            byte[] saltedPassword = pbkdf2HmacSha256(passwordBytes, salt, iterations);
            byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
            Arrays.fill(saltedPassword, (byte) 0);
            Arrays.fill(clientKey, (byte) 0);
            return new ScramVerifier(iterations, salt.clone(), storedKey, serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 / HmacSHA256 unavailable in this JVM", e);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /**
     * Parses a stored verifier ({@code pg_authid.rolpassword}).
     *
     * @throws IllegalArgumentException if it is not a SCRAM-SHA-256 verifier with 32-byte keys
     */
    public static ScramVerifier parse(String text) {
        Matcher m = FORMAT.matcher(Objects.requireNonNull(text, "text"));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
        }
        try {
            long iterations = Long.parseLong(m.group(1));
            byte[] salt = Base64.getDecoder().decode(m.group(2));
            byte[] storedKey = Base64.getDecoder().decode(m.group(3));
            byte[] serverKey = Base64.getDecoder().decode(m.group(4));
            if (iterations < 1 || iterations > Integer.MAX_VALUE || salt.length == 0 || storedKey.length != KEY_LENGTH
                    || serverKey.length != KEY_LENGTH) {
                throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
            }
            return new ScramVerifier((int) iterations, salt, storedKey, serverKey);
        } catch (IllegalArgumentException badBase64) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
        }
    }

    /** True if {@code text} has the verifier format (what PostgreSQL stores as is instead of hashing it). */
    public static boolean isVerifier(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True if {@code password} is the password this verifier was made from (constant-time comparison). */
    public boolean matches(String password) {
        ScramVerifier candidate;
        try {
            candidate = compute(password, salt, iterations);
        } catch (IllegalArgumentException unusable) {
            return false;
        }
        return MessageDigest.isEqual(storedKey, candidate.storedKey) & MessageDigest.isEqual(serverKey,
                candidate.serverKey);
    }

    /** The verifier text, for {@code PASSWORD '...'}. */
    public String text() {
        Base64.Encoder b64 = Base64.getEncoder();
        return MECHANISM + "$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                + ":" + b64.encodeToString(serverKey);
    }

    public int iterations() {
        return iterations;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] storedKey() {
        return storedKey.clone();
    }

    public byte[] serverKey() {
        return serverKey.clone();
    }

    private static byte[] checkedPasswordBytes(String password) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException("password must not contain NUL");
            }
            if (c > 0x7F) {
                throw new IllegalArgumentException("only ASCII passwords can be hashed client-side (SASLprep of "
                        + "non-ASCII input is not implemented); use a generated password");
            }
        }
        if (password.length() > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("password longer than " + MAX_PASSWORD_BYTES + " bytes");
        }
        return password.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 8018 PBKDF2 with HMAC-SHA-256, one 32-byte block: Hi() of RFC 5802. */
    private static byte[] pbkdf2HmacSha256(byte[] password, byte[] salt, int iterations)
            throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password, "HmacSHA256"));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1}); // INT(1): block index, big-endian
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private static byte[] hmac(byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScramVerifier that && iterations == that.iterations && Arrays.equals(salt, that.salt)
                && MessageDigest.isEqual(storedKey, that.storedKey) && MessageDigest.isEqual(serverKey, that.serverKey);
    }

    @Override
    public int hashCode() {
        return 0; // a hash of the keys would be a fingerprint of them
    }

    /**
     * The mechanism and iterations only. The verifier is not the password, but it allows an offline guessing attack
     * on a weak one and lets its holder impersonate the server, so it stays out of logs too.
     */
    @Override
    public String toString() {
        return MECHANISM + "$" + iterations + ":" + Redactor.MASK;
    }
}
