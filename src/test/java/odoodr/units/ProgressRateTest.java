package odoodr.units;

import odoodr.postgres.BaseBackupProgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ProgressRateTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final long MB = 1_000_000;

    private static Instant at(double seconds) {
        return T0.plusNanos((long) (seconds * 1e9));
    }

    @Test
    void unknownUntilTwoSamples() {
        ProgressRate rate = new ProgressRate();
        assertThat(rate.bytesPerSecond()).isEmpty();
        assertThat(rate.eta(100)).isEmpty();
        rate.record(T0, 0);
        assertThat(rate.bytesPerSecond()).isEmpty();
        assertThat(rate.eta(100)).isEmpty();
    }

    @Test
    void steadyRateAndEta() {
        ProgressRate rate = new ProgressRate();
        rate.record(at(0), 0);
        rate.record(at(1), 10 * MB);
        rate.record(at(2), 20 * MB);
        assertThat(rate.bytesPerSecond().getAsDouble()).isCloseTo(10.0 * MB, within(1e-6));
        assertThat(rate.eta(100 * MB)).contains(Duration.ofSeconds(8));
    }

    @Test
    void followsTheRecentSpeedThroughTheWindow() {
        ProgressRate rate = new ProgressRate(Duration.ofSeconds(10));
        long bytes = 0;
        for (int s = 0; s <= 60; s++) { // one minute at 1 MB/s
            rate.record(at(s), bytes);
            bytes += MB;
        }
        bytes -= MB;
        for (int s = 61; s <= 80; s++) { // then 5 MB/s
            bytes += 5 * MB;
            rate.record(at(s), bytes);
        }
        assertThat(rate.bytesPerSecond().getAsDouble()).isCloseTo(5.0 * MB, within(1.0));
    }

    @Test
    void windowKeepsAnAnchorAtItsStart() {
        ProgressRate rate = new ProgressRate(Duration.ofSeconds(10));
        rate.record(at(0), 0);
        rate.record(at(30), 30 * MB); // only two samples, 30 s apart: still a rate
        assertThat(rate.bytesPerSecond().getAsDouble()).isCloseTo(1.0 * MB, within(1e-6));
    }

    @Test
    void stalledCopyHasNoEta() {
        ProgressRate rate = new ProgressRate();
        rate.record(at(0), 5 * MB);
        rate.record(at(5), 5 * MB);
        assertThat(rate.bytesPerSecond().getAsDouble()).isZero();
        assertThat(rate.eta(10 * MB)).isEmpty();
    }

    @Test
    void doneMeansZeroEta() {
        ProgressRate rate = new ProgressRate();
        rate.record(at(0), 10 * MB);
        assertThat(rate.eta(10 * MB)).contains(Duration.ZERO);
        assertThat(rate.eta(5 * MB)).contains(Duration.ZERO);
    }

    @Test
    void clockGoingBackOrBytesShrinkingRestarts() {
        ProgressRate rate = new ProgressRate();
        rate.record(at(10), 10 * MB);
        rate.record(at(11), 11 * MB);
        rate.record(at(5), 12 * MB); // clock set back
        assertThat(rate.bytesPerSecond()).isEmpty();
        rate.record(at(6), 14 * MB);
        assertThat(rate.bytesPerSecond().getAsDouble()).isCloseTo(2.0 * MB, within(1e-6));
        rate.record(at(7), 1 * MB); // restarted copy
        assertThat(rate.bytesPerSecond()).isEmpty();
    }

    @Test
    void sameInstantReplacesTheSample() {
        ProgressRate rate = new ProgressRate();
        rate.record(at(0), 0);
        rate.record(at(1), 1 * MB);
        rate.record(at(1), 3 * MB);
        assertThat(rate.bytesPerSecond().getAsDouble()).isCloseTo(3.0 * MB, within(1e-6));
    }

    @Test
    void staticHelpers() {
        assertThat(ProgressRate.rate(at(0), 0, at(0.5), MB).getAsDouble()).isCloseTo(2.0 * MB, within(1e-6));
        assertThat(ProgressRate.rate(at(1), 0, at(1), MB)).isEmpty();
        assertThat(ProgressRate.eta(0, 3, 2.0)).contains(Duration.ofMillis(1500));
        assertThat(ProgressRate.eta(0, 1, 3.0)).contains(Duration.ofMillis(334)); // rounded up
        assertThat(ProgressRate.eta(0, 10, 0.0)).isEmpty();
        assertThat(ProgressRate.eta(0, 10, Double.NaN)).isEmpty();
        assertThat(ProgressRate.eta(0, 10, -1)).isEmpty();
        assertThat(ProgressRate.eta(10, 10, 0.0)).contains(Duration.ZERO);
        assertThat(ProgressRate.eta(0, Long.MAX_VALUE, Double.MIN_VALUE)).contains(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Test
    void windowMustBePositive() {
        assertThatThrownBy(() -> new ProgressRate(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void feedsFromBaseBackupProgress() throws Exception {
        ProgressRate rate = new ProgressRate();
        BaseBackupProgress first = BaseBackupProgress.parse("   72/45920 kB (0%), 0/1 tablespace").orElseThrow();
        BaseBackupProgress second = BaseBackupProgress.parse(" 1096/45920 kB (2%), 0/1 tablespace").orElseThrow();
        rate.record(at(0), first.doneBytes());
        rate.record(at(1), second.doneBytes());
        assertThat(rate.bytesPerSecond().getAsDouble()).isEqualTo(1024.0 * 1024);
        assertThat(rate.eta(second.totalBytes())).contains(Duration.ofMillis(43_774)); // (45920-1096)/1024 s, rounded up
    }
}
