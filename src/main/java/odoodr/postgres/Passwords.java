package odoodr.postgres;

import java.security.SecureRandom;

import odoodr.process.Redactor;

/**
 * Generates the passwords odoo-dr creates (the replication role's).
 *
 * <p>The alphabet is base64url's ({@code A-Z a-z 0-9 - _}): 6 bits per character, so the default 40 characters carry
 * 240 bits. It has no {@code :} or {@code \} (pgpass), no quotes (conninfo, GUC files, SQL literals, shell), no
 * {@code $}, {@code #}, {@code %}, {@code &}, space or {@code =} (shells, YAML, URIs, conninfo), so the value survives
 * every format it is written to without escaping, and it is pure ASCII, so its SCRAM verifier needs no SASLprep
 * (see {@link ScramVerifier}). The first character is alphanumeric so the value can never be mistaken for a
 * command-line option or a YAML indicator.
 *
 * <p>Every generated password is registered with {@link Redactor}, so it is masked in every log line from then on.
 */
public final class Passwords {
    /** Default length: 240 bits of entropy. */
    public static final int DEFAULT_LENGTH = 40;
    /** Shortest length accepted by {@link #generate(int)}: 192 bits. */
    public static final int MIN_LENGTH = 32;

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String ALPHABET = ALPHANUMERIC + "-_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** A new random password of {@value #DEFAULT_LENGTH} characters, already registered with the redactor. */
    public static String generate() {
        return generate(DEFAULT_LENGTH);
    }

    /**
     * A new random password of {@code length} characters (at least {@value #MIN_LENGTH}), already registered with
     * the redactor.
     */
    public static String generate(int length) {
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("password length " + length + " is below the minimum " + MIN_LENGTH);
        }
        StringBuilder password = new StringBuilder(length);
        // nextInt(bound) is uniform (it rejects biased draws), so every character carries log2(bound) bits
        password.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        for (int i = 1; i < length; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        String result = password.toString();
        Redactor.register(result);
        return result;
    }
}
