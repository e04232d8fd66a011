package odoodr.runbook;

/**
 * How far setup may go: {@code reseed} takes a fresh base backup on purpose; {@code force} allows replacing a data
 * directory that is not a standby of this prod (it is destroyed).
 */
public record SetupOptions(boolean reseed, boolean force) {
    public static final SetupOptions DEFAULT = new SetupOptions(false, false);
}
