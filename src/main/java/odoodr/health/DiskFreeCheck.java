package odoodr.health;

import odoodr.config.HealthConfig;
import odoodr.units.ByteSize;

/**
 * Free space where the standby's data directory and the filestore mirror live, and on prod's data disk, as a
 * fraction of the file system (thresholds health.disk_free_warning/critical for all three).
 */
final class DiskFreeCheck {
    static final CheckId STANDBY = CheckId.of("standby_disk_free", "disk free for the standby's data");
    static final CheckId FILESTORE = CheckId.of("filestore_disk_free", "disk free for the filestore mirror");
    static final CheckId PROD = CheckId.of("prod_disk_free", "disk free for prod's PostgreSQL (prod)");

    private DiskFreeCheck() {
    }

    static HealthCheck evaluate(CheckId id, Measured<DiskSample> measured, HealthConfig h) {
        if (!measured.ok()) {
            return id.unknown(measured.failure(), measured.hint());
        }
        DiskSample d = measured.sample();
        return judged(id, d, h, ByteSize.gigabytes(d.usableBytes()) + " free of " + ByteSize.gigabytes(d.totalBytes())
                        + " on the file system of " + d.measuredAt(),
                "free space on " + d.measuredAt() + ": PostgreSQL stops when its disk is full, and WAL piles up on prod");
    }

    /** Prod's data disk as its df reported it through the monitor key: the bytes in the detail. */
    static HealthCheck evaluateProd(Measured<DiskSample> measured, HealthConfig h) {
        if (!measured.ok()) {
            return PROD.unknown(measured.failure(), measured.hint());
        }
        DiskSample d = measured.sample();
        return judged(PROD, d, h, d.usableBytes() + " bytes (" + ByteSize.gigabytes(d.usableBytes()) + ") free of " + d.totalBytes()
                        + " bytes (" + ByteSize.gigabytes(d.totalBytes()) + ") on prod's file system of " + d.path()
                        + " (mounted on " + d.measuredAt() + ")",
                "prod's PostgreSQL stops when this disk is full (and Odoo with it): free space on prod; if the slot"
                        + " keeps much WAL (see slot_retained), restore streaming or cap max_slot_wal_keep_size");
    }

    /** "prod has 12.0 GB free on /var/lib/docker", for the hints of the slot rows. */
    static String prodFree(DiskSample d) {
        return "prod has " + ByteSize.gigabytes(d.usableBytes()) + " free on " + d.path();
    }

    private static HealthCheck judged(CheckId id, DiskSample d, HealthConfig h, String detail, String hint) {
        Thresholds t = Thresholds.below(h.diskFreeWarning() / 100, h.diskFreeCritical() / 100);
        double ratio = Math.round(d.freeRatio() * 1000) / 1000.0;
        return id.judged(new Measurement(ratio, Unit.RATIO, t), detail, hint);
    }
}
