package odoodr.config;

/**
 * A value that does not parse or is not allowed, with the reason and what to write instead. It names no key or line:
 * the config loader adds those (a parser does not know where its text came from).
 */
public final class InvalidValueException extends IllegalArgumentException {
    private final String hint;

    public InvalidValueException(String reason, String hint) {
        super(reason);
        this.hint = hint;
    }

    /** What to write instead; may be null. */
    public String hint() {
        return hint;
    }
}
