package odoodr.runbook;

/**
 * How far setup may go: {@code reseed} takes a fresh base backup on purpose; {@code force} allows replacing a data
 * directory that is not a standby of this prod (it is destroyed); {@code adoptRole} allows taking over an existing
 * role on prod as the replication role although odoo-dr did not make it or it has more powers than replication.
 */
public record SetupOptions(boolean reseed, boolean force, boolean adoptRole) {
    public static final SetupOptions DEFAULT = new SetupOptions(false, false, false);

    public SetupOptions(boolean reseed, boolean force) {
        this(reseed, force, false);
    }
}
