package odoodr.health;

import java.util.Optional;

/**
 * The measuring half of the health checks: each method looks at one thing and returns what it saw, or why it saw
 * nothing. No method throws for a failed measurement, and none takes long: every network wait is bounded by a few
 * seconds. {@link LiveProbes} looks at the real thing; tests substitute their own.
 */
public interface HealthProbes {
    TunnelSample tunnel();

    Measured<StandbySample> standby();

    /** Prod through the permanent tunnel, as the replication role (never the superuser). */
    Measured<PrimarySample> primary();

    Measured<DiskSample> standbyDisk();

    Measured<DiskSample> filestoreDisk();

    /**
     * Prod's data disk (prod.data_disk_path), through the monitor key whose only power is a forced {@code df} (the
     * replication role cannot see it; the operator's access and the superuser are never used here).
     */
    Measured<DiskSample> prodDisk();

    /** The recovery archive (asked only with archive.enabled). */
    Measured<ArchiveSample> archive();

    /** The drill state; empty when no drill has run. The default: none (test probes that do not care). */
    default Measured<Optional<DrillRecord>> drill() {
        return Measured.of(Optional.empty());
    }

    /** Empty when the sync has not recorded anything for {@code database}. */
    Measured<Optional<FilestoreSyncState>> filestore(String database);
}
