package odoodr.units;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Transfer rate and time left of a long copy (base backup, filestore seed), from timed samples of the bytes done so
 * far. The rate is measured over a sliding window (default 30 s), so it follows the current speed rather than the
 * average since the start, without jumping on every sample. Time is whatever the caller passes in: pure, and
 * testable without sleeping.
 *
 * <p>A sample earlier than the previous one (the wall clock was set back) or with fewer bytes (a restarted copy)
 * starts the measurement afresh. Thread-safe: a reader thread can record while another renders.
 */
public final class ProgressRate {
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

    private record Sample(Instant at, long bytes) {
    }

    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public ProgressRate() {
        this(DEFAULT_WINDOW);
    }

    public ProgressRate(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.window = window;
    }

    /** Adds a sample: {@code doneBytes} were done at {@code at}. */
    public synchronized void record(Instant at, long doneBytes) {
        Objects.requireNonNull(at, "at");
        Sample latest = samples.peekLast();
        if (latest != null) {
            if (at.isBefore(latest.at()) || doneBytes < latest.bytes()) {
                samples.clear();
            } else if (at.equals(latest.at())) {
                samples.pollLast();
            }
        }
        samples.addLast(new Sample(at, doneBytes));
        // keep one sample at or before the window's start as the anchor, drop older ones
        Instant windowStart = at.minus(window);
        while (samples.size() > 2) {
            Sample second = samples.stream().skip(1).findFirst().orElseThrow();
            if (second.at().isAfter(windowStart)) {
                break;
            }
            samples.pollFirst();
        }
    }

    /** Bytes per second over the window; empty until two samples at different times exist. */
    public synchronized OptionalDouble bytesPerSecond() {
        if (samples.size() < 2) {
            return OptionalDouble.empty();
        }
        return rate(samples.peekFirst().at(), samples.peekFirst().bytes(), samples.peekLast().at(),
                samples.peekLast().bytes());
    }

    /**
     * Time left until {@code totalBytes} at the current rate: zero when done, empty while the rate is unknown or zero.
     * Only as good as the total (pg_basebackup's is an estimate).
     */
    public synchronized Optional<Duration> eta(long totalBytes) {
        Sample latest = samples.peekLast();
        if (latest == null) {
            return Optional.empty();
        }
        OptionalDouble rate = bytesPerSecond();
        return rate.isPresent() ? eta(latest.bytes(), totalBytes, rate.getAsDouble())
                : latest.bytes() >= totalBytes ? Optional.of(Duration.ZERO) : Optional.empty();
    }

    /** Bytes per second between two samples; empty if no time passed between them. */
    public static OptionalDouble rate(Instant from, long fromBytes, Instant to, long toBytes) {
        long nanos = Duration.between(from, to).toNanos();
        if (nanos <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((toBytes - fromBytes) * 1_000_000_000.0 / nanos);
    }

    /** Time to do the rest at {@code bytesPerSecond}, rounded up to the millisecond; empty unless the rate is > 0. */
    public static Optional<Duration> eta(long doneBytes, long totalBytes, double bytesPerSecond) {
        long remaining = totalBytes - doneBytes;
        if (remaining <= 0) {
            return Optional.of(Duration.ZERO);
        }
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            return Optional.empty();
        }
        double millis = Math.ceil(remaining * 1000.0 / bytesPerSecond);
        return Optional.of(Duration.ofMillis(millis >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) millis));
    }
}
