package odoodr.config;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The names a replica is known by on prod, derived from {@code replica.name} as in the runbook:
 * slot {@code replica_<name with - → _>} (one slot per replica, gotcha 15) and application_name
 * {@code <name>_replica} (what pg_stat_replication shows).
 */
public final class ReplicationNames {
    static final String SLOT_PREFIX = "replica_";
    static final String APPLICATION_SUFFIX = "_replica";
    /** The longest replica name whose slot and application_name fit PostgreSQL's 63-byte names. */
    public static final int MAX_REPLICA_NAME_LENGTH = SafeValueRules.MAX_PG_NAME_BYTES - SLOT_PREFIX.length();

    private ReplicationNames() {
    }

    /** The physical replication slot on prod. Slot names allow only [a-z0-9_], hence the lower-casing. */
    public static String slotNameFor(String replicaName) {
        if (!replicaName.equals(replicaName.toLowerCase(Locale.ROOT))) {
            // the slot lower-cases the name: DR-1 and dr-1 would be two replicas sharing one slot on prod
            throw new InvalidValueException("`" + ValueDisplay.quote(replicaName) + "` has upper-case letters, but its slot `"
                    + ValueDisplay.quote(SLOT_PREFIX + replicaName.replace('-', '_').toLowerCase(Locale.ROOT))
                    + "` is lower case: two replicas whose names differ only in case would share one slot",
                    "write replica.name in lower case: " + ValueDisplay.quote(replicaName.toLowerCase(Locale.ROOT)));
        }
        String slot = SLOT_PREFIX + replicaName.replace('-', '_').toLowerCase(Locale.ROOT);
        if (!slot.matches("[a-z_][a-z0-9_]*")) {
            throw new InvalidValueException("`" + ValueDisplay.quote(replicaName) + "` gives slot name `"
                    + ValueDisplay.quote(slot) + "`, but slot names allow only lower-case letters, digits and _",
                    "use letters, digits, - and _ only in replica.name");
        }
        int bytes = slot.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > SafeValueRules.MAX_PG_NAME_BYTES) {
            throw new InvalidValueException("`" + replicaName + "` gives slot name `" + slot + "` of " + bytes
                    + " bytes, but PostgreSQL names are at most " + SafeValueRules.MAX_PG_NAME_BYTES
                    + " bytes (NAMEDATALEN-1)",
                    "shorten replica.name to at most " + MAX_REPLICA_NAME_LENGTH + " characters");
        }
        return slot;
    }

    /** The application_name in primary_conninfo; the server truncates it past 63 bytes, so we refuse that instead. */
    public static String applicationNameFor(String replicaName) {
        String name = replicaName + APPLICATION_SUFFIX;
        if (name.getBytes(StandardCharsets.UTF_8).length > SafeValueRules.MAX_PG_NAME_BYTES) {
            throw new InvalidValueException("`" + replicaName + "` gives application_name `" + name + "`, longer than "
                    + SafeValueRules.MAX_PG_NAME_BYTES + " bytes",
                    "shorten replica.name to at most " + MAX_REPLICA_NAME_LENGTH + " characters");
        }
        return name;
    }
}
