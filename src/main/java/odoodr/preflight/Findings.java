package odoodr.preflight;

import odoodr.runbook.Check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the checks of one preflight run found so far, by check id: later checks skip what an earlier blocker hides. */
final class Findings {
    private final Map<String, Check> results = new LinkedHashMap<>();

    synchronized void record(String id, Check check) {
        results.put(id, check);
    }

    synchronized Optional<Check> result(String id) {
        return Optional.ofNullable(results.get(id));
    }
}
