package odoodr.preflight;

import odoodr.runbook.Check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the checks of one preflight run found so far, by check id: later checks skip what an earlier blocker hides. */
final class Findings {
    private final Map<String, Check> results = new LinkedHashMap<>();
    private final Map<String, String> titles = new LinkedHashMap<>();

    synchronized void record(String id, String title, Check check) {
        results.put(id, check);
        titles.put(id, title);
    }

    synchronized Optional<Check> result(String id) {
        return Optional.ofNullable(results.get(id));
    }

    synchronized String title(String id) {
        return titles.getOrDefault(id, id);
    }
}
