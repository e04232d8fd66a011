package odoodr.agent;

import odoodr.health.HealthCheck;
import odoodr.health.HealthReport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last hour of the numbers the status page charts: replication lag (seconds and bytes) and the attachment
 * backlog (summed over the databases). Bounded: one sample per health round, older than the window dropped.
 */
public final class History {
    public record Sample(Instant time, Double lagSeconds, Double lagBytes, Double attachmentBacklog) {
    }

    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public History(Duration window) {
        this.window = window;
    }

    public synchronized void add(HealthReport report) {
        double backlog = 0;
        boolean anyBacklog = false;
        for (HealthCheck c : report.checks()) {
            if (c.id().equals("filestore_backlog") && c.findValue().isPresent()) {
                backlog += c.findValue().get().value();
                anyBacklog = true;
            }
        }
        samples.addLast(new Sample(report.time(), report.findValue("replay_lag").orElse(null),
                report.findValue("replay_pending").orElse(null), anyBacklog ? backlog : null));
        Instant oldest = report.time().minus(window);
        while (!samples.isEmpty() && samples.peekFirst().time().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** {"window_seconds": 3600, "samples": [{"t": epoch seconds, "lag_seconds": .., "lag_bytes": .., "backlog": ..}]} */
    public String toJson() {
        List<Object> rows = new ArrayList<>();
        for (Sample s : samples()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("t", s.time().getEpochSecond());
            row.put("lag_seconds", s.lagSeconds());
            row.put("lag_bytes", s.lagBytes());
            row.put("backlog", s.attachmentBacklog());
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window_seconds", window.toSeconds());
        out.put("samples", rows);
        return odoodr.json.Json.write(out);
    }
}
