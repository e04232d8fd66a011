package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a restored copy and its Debian cluster, {@code odoodr_restore_<name>}: only restore ever makes or
 * drops a cluster with that prefix, so {@code --drop} can never reach the standby.
 */
public record RestoreName(String name) {
    public static final String CLUSTER_PREFIX = "odoodr_restore_";
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_]{0,39}");
    private static final DateTimeFormatter FROM_TIME = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);

    public RestoreName {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new DrException(ExitCode.USAGE, "restore: \"" + name + "\" is not a valid copy name",
                    "use 1 to 40 lower-case letters, digits and _ (it becomes the cluster " + CLUSTER_PREFIX + "<name>)");
        }
    }

    /** The default name of a copy restored to {@code at}: its UTC time, {@code 20261203_174000}. */
    public static RestoreName forTime(Instant at) {
        return new RestoreName(FROM_TIME.format(at));
    }

    public String cluster() {
        return CLUSTER_PREFIX + name;
    }

    /** The copy's name when {@code cluster} is one of restore's clusters. */
    public static Optional<RestoreName> ofCluster(String cluster) {
        if (!cluster.startsWith(CLUSTER_PREFIX)) {
            return Optional.empty();
        }
        String rest = cluster.substring(CLUSTER_PREFIX.length());
        return VALID.matcher(rest).matches() ? Optional.of(new RestoreName(rest)) : Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
