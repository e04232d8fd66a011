package odoodr.filestore.sync;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryBackoffTest {
    @Test
    void doublesFromFiveSecondsAndStopsAtTenMinutes() {
        RetryBackoff b = RetryBackoff.DEFAULT;
        assertThat(b.delayAfter(0)).isZero();
        assertThat(b.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.delayAfter(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(b.delayAfter(7)).isEqualTo(Duration.ofSeconds(320));
        assertThat(b.delayAfter(8)).isEqualTo(Duration.ofMinutes(10));
        assertThat(b.delayAfter(1000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void nonsenseBoundsAreRefused() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
