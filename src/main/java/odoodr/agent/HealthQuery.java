package odoodr.agent;

import odoodr.config.ByteSizeValue;
import odoodr.config.DurationValue;
import odoodr.health.CheckStatus;
import odoodr.health.HealthReport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code /health} for load balancers and uptime checks, like Patroni's: 200 when nothing is CRITICAL, else 503.
 * {@code ?lag=30s} or {@code ?lag=10MB} adds a limit on the replay lag (time or WAL bytes not yet replayed): over it,
 * 503 even when the checks' own thresholds are not reached.
 */
public final class HealthQuery {
    private final Duration maxLagTime;
    private final Long maxLagBytes;

    private HealthQuery(Duration maxLagTime, Long maxLagBytes) {
        this.maxLagTime = maxLagTime;
        this.maxLagBytes = maxLagBytes;
    }

    /** Parses the query string; a malformed lag is an IllegalArgumentException (the endpoint answers 400). */
    public static HealthQuery parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isBlank()) {
            return new HealthQuery(null, null);
        }
        Duration time = null;
        Long bytes = null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!key.equals("lag")) {
                throw new IllegalArgumentException("unknown parameter " + key + " (only lag=30s or lag=10MB)");
            }
            if (value.matches("\\d+(\\.\\d+)?\\s*[kKMGT]?i?B")) {
                bytes = ByteSizeValue.parse(value);
            } else {
                time = DurationValue.parse(value);
            }
        }
        return new HealthQuery(time, bytes);
    }

    /** Empty when healthy; else why not, in one line. */
    public Optional<String> problem(HealthReport report) {
        if (report == null) {
            return Optional.of("no health report yet");
        }
        if (report.overall() == CheckStatus.CRITICAL) {
            return Optional.of("critical: " + report.problems().get(0).label());
        }
        if (maxLagTime != null) {
            Optional<Double> lag = report.findValue("replay_lag");
            if (lag.isEmpty()) {
                return Optional.of("replay lag unknown");
            }
            if (lag.get() > maxLagTime.toMillis() / 1000.0) {
                return Optional.of("replay lag " + lag.get() + " s over " + maxLagTime.toSeconds() + " s");
            }
        }
        if (maxLagBytes != null) {
            Optional<Double> pending = report.findValue("replay_pending");
            if (pending.isEmpty()) {
                return Optional.of("replay lag in bytes unknown");
            }
            if (pending.get() > maxLagBytes) {
                return Optional.of("replay lag " + pending.get().longValue() + " bytes over " + maxLagBytes);
            }
        }
        return Optional.empty();
    }
}
