package odoodr.health;

/**
 * What a check's value counts. The names are DESIGN.md §9's metric units: a Prometheus name ends in
 * {@link #suffix()}; booleans are 0/1.
 */
public enum Unit {
    BYTES("_bytes"),
    SECONDS("_seconds"),
    /** 1 = yes, 0 = no. */
    BOOLEAN(""),
    /** A number of things (attachments); the check's id names the things. */
    COUNT(""),
    /** A fraction from 0 to 1 (free disk). */
    RATIO("_ratio");

    private final String suffix;

    Unit(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }
}
