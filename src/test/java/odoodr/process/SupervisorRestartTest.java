package odoodr.process;

import odoodr.lab.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: a child that had been up and then died (the tunnel's ssh after {@code kill -9}) is started again without
 * any backoff; only a child that keeps failing quickly waits, longer each time. Real child processes.
 */
class SupervisorRestartTest {
    private static final Duration HEALTHY_AFTER = Duration.ofMillis(300);

    @Test
    void aChildKilledAfterItHadBeenUpIsRestartedWithoutWaiting(@TempDir Path dir) throws Exception {
        try (Supervisor s = new Supervisor("sleeper", List.of("sleep", "600"), "sleep", dir.resolve("sleeper.pid"),
                HEALTHY_AFTER)) {
            s.start();
            long first = Poll.lastOf(Duration.ofSeconds(10), Duration.ofMillis(20), () -> s.childPid().orElse(0L), pid -> pid > 0);
            Instant started = s.lastStart().orElseThrow();
            // let it be up for longer than HEALTHY_AFTER: a wait for a state, not a timing assertion
            Poll.lastOf(Duration.ofSeconds(10), Duration.ofMillis(20), () -> Duration.between(started, Instant.now()),
                    up -> up.compareTo(HEALTHY_AFTER.multipliedBy(2)) > 0);
            ProcessHandle.of(first).orElseThrow().destroyForcibly(); // SIGKILL
            long second = Poll.lastOf(Duration.ofSeconds(10), Duration.ofMillis(20), () -> s.childPid().orElse(first),
                    pid -> pid != first);
            assertThat(second).isNotEqualTo(first);
            assertThat(s.starts()).isEqualTo(2);
            assertThat(s.lastRestartDelay()).contains(Duration.ZERO);
        }
    }

    @Test
    void aChildThatKeepsFailingQuicklyWaitsBeforeItIsStartedAgain(@TempDir Path dir) throws Exception {
        try (Supervisor s = new Supervisor("failing", List.of("sh", "-c", "exit 3"), "sh", dir.resolve("failing.pid"),
                HEALTHY_AFTER)) {
            s.start();
            Poll.lastOf(Duration.ofSeconds(10), Duration.ofMillis(10), s::starts, n -> n >= 2);
            assertThat(s.lastRestartDelay()).hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Supervisor.FIRST_BACKOFF));
        }
    }

    @Test
    void quickFailuresDoubleTheBackoffUpToItsMaximumAndAHealthyRunStartsItOver() {
        Supervisor.RestartDelay delay = new Supervisor.RestartDelay(Duration.ofSeconds(5));
        Duration quick = Duration.ofMillis(100);
        assertThat(delay.after(quick)).isEqualTo(Duration.ofMillis(200));
        assertThat(delay.after(quick)).isEqualTo(Duration.ofMillis(400));
        assertThat(delay.after(quick)).isEqualTo(Duration.ofMillis(800));
        for (int i = 0; i < 10; i++) {
            delay.after(quick);
        }
        assertThat(delay.after(quick)).isEqualTo(Supervisor.MAX_BACKOFF);
        assertThat(delay.after(Duration.ofSeconds(5))).as("it had been up: at once").isZero();
        assertThat(delay.after(Duration.ofMinutes(30))).isZero();
        assertThat(delay.after(quick)).as("backoff starts over").isEqualTo(Duration.ofMillis(200));
    }
}
