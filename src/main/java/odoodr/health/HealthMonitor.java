package odoodr.health;

import odoodr.DrException;
import odoodr.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs every check once and returns one {@link HealthReport}. {@link #check()} never throws: a probe that fails
 * becomes a CRITICAL or UNKNOWN row with its reason, and a bug in a check becomes UNKNOWN rows naming it. Holds no
 * state between calls (each call opens and closes its own connections), so the agent can call it on a timer from
 * one thread and serve the last report; a call takes milliseconds when all is well and a few seconds at most when
 * the link is cut.
 */
public final class HealthMonitor {
    private static final Logger LOG = LoggerFactory.getLogger("odoo-dr.health");

    private final Config config;
    private final HealthProbes probes;
    private final Clock clock;

    public HealthMonitor(Config config) {
        this(config, new LiveProbes(config), Clock.systemUTC());
    }

    public HealthMonitor(Config config, HealthProbes probes, Clock clock) {
        this.config = config;
        this.probes = probes;
        this.clock = clock;
    }

    public HealthReport check() {
        Instant now = clock.instant();
        List<HealthCheck> checks = new ArrayList<>();
        TunnelSample[] tunnel = new TunnelSample[1];
        checks.addAll(guard(List.of(TunnelCheck.TUNNEL), () -> {
            tunnel[0] = probes.tunnel();
            return List.of(TunnelCheck.evaluate(tunnel[0]));
        }));
        checks.addAll(guard(StandbyChecks.ALL, () -> StandbyChecks.evaluate(probes.standby(), config.health())));
        // measured before the slot rows, whose hints weigh the WAL the slot keeps against prod's free disk
        DiskSample[] prodDisk = new DiskSample[1];
        List<HealthCheck> prodDiskRow = guard(List.of(DiskFreeCheck.PROD), () -> {
            Measured<DiskSample> measured = probes.prodDisk();
            prodDisk[0] = measured.ok() ? measured.sample() : null;
            return List.of(DiskFreeCheck.evaluateProd(measured, config.health()));
        });
        checks.addAll(guard(PrimaryChecks.ALL, () -> {
            // a forward that does not answer would only make the connection wait for its timeout
            Measured<PrimarySample> primary = tunnel[0] != null && tunnel[0].postgresAnswers() ? probes.primary()
                    : Measured.failed("the tunnel passes no traffic to prod", "see the tunnel row");
            return PrimaryChecks.evaluate(primary, prodDisk[0], config.health());
        }));
        checks.addAll(prodDiskRow);
        checks.addAll(guard(List.of(DiskFreeCheck.STANDBY),
                () -> List.of(DiskFreeCheck.evaluate(DiskFreeCheck.STANDBY, probes.standbyDisk(), config.health()))));
        if (config.archive().enabled()) {
            checks.addAll(guard(ArchiveChecks.ALL, () -> ArchiveChecks.evaluate(probes.archive(), config.archive(),
                    config.health(), now)));
        }
        checks.addAll(guard(DrillChecks.ids(), () -> {
            Measured<java.util.Optional<DrillRecord>> drill = probes.drill();
            return DrillChecks.shown(drill, config.drill()) ? DrillChecks.evaluate(drill, config.drill(), now) : List.of();
        }));
        if (mirrorsFilestore()) {
            checks.addAll(guard(List.of(DiskFreeCheck.FILESTORE), () -> List.of(
                    DiskFreeCheck.evaluate(DiskFreeCheck.FILESTORE, probes.filestoreDisk(), config.health()))));
            for (String db : config.databases()) {
                checks.addAll(guard(FilestoreChecks.ids(db),
                        () -> FilestoreChecks.evaluate(db, probes.filestore(db), now, config.health())));
            }
        }
        return new HealthReport(config.replica().name(), now, checks);
    }

    /** Without prod.filestore_path there is no mirror to watch (config validation warns about it). */
    private boolean mirrorsFilestore() {
        return config.prod().filestorePath().isPresent() && !config.databases().isEmpty();
    }

    private static List<HealthCheck> guard(List<CheckId> ids, Supplier<List<HealthCheck>> checks) {
        try {
            return checks.get();
        } catch (DrException e) {
            LOG.debug("health: {} not measured", ids.get(0).id(), e);
            return ids.stream().map(id -> id.unknown(e.getMessage(), e.hint())).toList();
        } catch (RuntimeException e) {
            LOG.warn("health: {} failed: {}", ids.get(0).id(), e.toString());
            LOG.debug("health: stack trace", e);
            return ids.stream().map(id -> id.unknown("internal error: " + e, "run with -v and report it")).toList();
        }
    }
}
