package odoodr.lab;

/** A lab operation failed or timed out. */
public final class ProdLabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProdLabException(String message) {
        super(message);
    }

    public ProdLabException(String message, Throwable cause) {
        super(message, cause);
    }
}
