package odoodr.health;

import odoodr.config.HealthConfig;

import java.util.Locale;

/** Free space where the standby's data directory and the filestore mirror live, as a fraction of the file system. */
final class DiskFreeCheck {
    static final CheckId STANDBY = CheckId.of("standby_disk_free", "disk free for the standby's data");
    static final CheckId FILESTORE = CheckId.of("filestore_disk_free", "disk free for the filestore mirror");

    private static final double GB = 1L << 30;

    private DiskFreeCheck() {
    }

    static HealthCheck evaluate(CheckId id, Measured<DiskSample> measured, HealthConfig h) {
        if (!measured.ok()) {
            return id.unknown(measured.failure(), measured.hint());
        }
        DiskSample d = measured.sample();
        Thresholds t = Thresholds.below(h.diskFreeWarning() / 100, h.diskFreeCritical() / 100);
        double ratio = Math.round(d.freeRatio() * 1000) / 1000.0;
        return id.judged(new Measurement(ratio, Unit.RATIO, t), String.format(Locale.ROOT,
                        "%.1f GB free of %.1f GB on the file system of %s", d.usableBytes() / GB, d.totalBytes() / GB,
                        d.measuredAt()),
                "free space on " + d.measuredAt() + ": PostgreSQL stops when its disk is full, and WAL piles up on prod");
    }
}
