package odoodr.lab;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The tests' one way to wait for a condition: Awaitility, checked at once and then every {@code every}, in the
 * test's own thread (conditions run the CLI in-process, which swaps System.out, and probe processes: a condition
 * still running when the time is up must not go on in the background). A timeout fails the test with the last
 * assertion error or the condition's alias.
 */
public final class Poll {
    private Poll() {
    }

    public static ConditionFactory within(Duration atMost, Duration every) {
        return Awaitility.await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(every).pollInSameThread();
    }

    /**
     * Probes until {@code done} holds or the time is up, and returns the last probe either way, so that the caller's
     * assertion on it shows what was last seen (a command's output, a report) rather than only "timed out".
     */
    public static <T> T lastOf(Duration atMost, Duration every, Callable<T> probe, Predicate<T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            within(atMost, every).until(() -> {
                last.set(probe.call());
                return done.test(last.get());
            });
        } catch (ConditionTimeoutException timedOut) {
            // the caller asserts on the last probe
        }
        return last.get();
    }
}
