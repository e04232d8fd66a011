package odoodr.health;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code odoo-dr status} and the agent know about this replica at one moment: the one model that the text
 * table, JSON, Nagios, Prometheus and the status page render (DESIGN.md §3). Immutable; made by
 * {@link HealthMonitor#check()}.
 *
 * @param replica replica.name
 * @param time    when the checks started
 * @param checks  in a fixed order (tunnel, standby, prod, slot, lag, disk, filestore per database)
 */
public record HealthReport(String replica, Instant time, List<HealthCheck> checks) {
    public HealthReport {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(time, "time");
        checks = List.copyOf(checks);
        Set<String> keys = new HashSet<>();
        for (HealthCheck c : checks) {
            if (!keys.add(c.key())) {
                throw new IllegalArgumentException("two checks are named " + c.key());
            }
        }
    }

    /** The worst status of all checks (see {@link CheckStatus#severity()}). */
    public CheckStatus overall() {
        return CheckStatus.worstOf(checks.stream().map(HealthCheck::status).toList());
    }

    /** The replica-wide check {@code id}. */
    public Optional<HealthCheck> find(String id) {
        return checks.stream().filter(c -> c.id().equals(id) && c.database() == null).findFirst();
    }

    /** The per-database check {@code id} of {@code database}. */
    public Optional<HealthCheck> find(String id, String database) {
        return checks.stream().filter(c -> c.id().equals(id) && database.equals(c.database())).findFirst();
    }

    /** The measured value of a replica-wide check, when it has one. */
    public Optional<Double> findValue(String id) {
        return find(id).flatMap(HealthCheck::findValue).map(Measurement::value);
    }

    /** Checks that are not OK, worst first (stable within one status). */
    public List<HealthCheck> problems() {
        return checks.stream().filter(c -> c.status() != CheckStatus.OK)
                .sorted((a, b) -> Integer.compare(b.status().severity(), a.status().severity())).toList();
    }
}
