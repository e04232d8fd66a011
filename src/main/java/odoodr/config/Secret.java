package odoodr.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A password or other secret. {@link #toString()} is always {@value #MASK}, so a secret that reaches a log line, an
 * exception message or a debugger's variable view shows nothing; only {@link #reveal()} gives the value, and only code
 * that hands it to a program (libpq, a pgpass file) should call it.
 */
public final class Secret {
    /** What every log line and rendering shows in place of a secret (DESIGN.md §9). */
    public static final String MASK = "<masked>";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself: pass it to the program that needs it, never to a log or a message. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        // constant-time, so comparing a guess against a secret leaks nothing through timing
        return other instanceof Secret that
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                        that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // a hash of the value would be a (weak) fingerprint of it
    }
}
