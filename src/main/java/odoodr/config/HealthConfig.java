package odoodr.config;

import java.time.Duration;

/**
 * {@code health:} where each check of {@code odoo-dr status} and the agent turns from OK to WARNING to CRITICAL.
 * Lag and retained WAL warn when they reach the warning value; free disk warns when it falls to the warning value.
 *
 * @param lagWarning           health.lag_warning: replay lag (seconds) of the standby
 * @param lagCritical          health.lag_critical
 * @param lagBytesWarning      health.lag_bytes_warning: WAL bytes not yet replayed (received, or still on prod)
 * @param lagBytesCritical     health.lag_bytes_critical
 * @param slotRetainedWarning  health.slot_retained_warning: WAL that prod keeps for this replica's slot
 * @param slotRetainedCritical health.slot_retained_critical
 * @param diskFreeWarning      health.disk_free_warning: percent free on this replica's data file systems
 * @param diskFreeCritical     health.disk_free_critical
 * @param filestoreAgeWarning  health.filestore_age_warning: time since the last successful filestore sync
 * @param filestoreAgeCritical health.filestore_age_critical
 */
public record HealthConfig(Duration lagWarning, Duration lagCritical, long lagBytesWarning, long lagBytesCritical,
                           long slotRetainedWarning, long slotRetainedCritical, double diskFreeWarning,
                           double diskFreeCritical, Duration filestoreAgeWarning, Duration filestoreAgeCritical) {
    public static final HealthConfig DEFAULTS = new HealthConfig(Duration.ofSeconds(30), Duration.ofMinutes(5),
            256L << 20, 2L << 30, 1L << 30, 10L << 30, 10, 5, Duration.ofMinutes(15), Duration.ofHours(1));
}
