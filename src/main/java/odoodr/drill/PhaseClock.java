package odoodr.drill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drill's stopwatch: phases run in a fixed order; {@link #end()} closes the current one and opens the next, so
 * each phase's time is from the end of the one before. The last name is the total, from the start.
 */
final class PhaseClock {
    private final List<String> names;
    private final long start = System.nanoTime();
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long mark = start;
    private int current;

    PhaseClock(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** The phase running now (the total's name once all have ended). */
    synchronized String current() {
        return names.get(Math.min(current, names.size() - 1));
    }

    synchronized void end() {
        long now = System.nanoTime();
        if (current < names.size() - 1) {
            seconds.put(names.get(current++), round(now - mark));
        }
        mark = now;
    }

    /** Closes the total (the time of all phases that ran). */
    synchronized void total() {
        seconds.put(names.get(names.size() - 1), round(System.nanoTime() - start));
    }

    synchronized Map<String, Double> seconds() {
        return new LinkedHashMap<>(seconds);
    }

    private static double round(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }
}
