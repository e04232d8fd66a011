package odoodr.health;

import java.util.Objects;

/**
 * What a probe got: a sample, or the reason it got none (and what to do about it). Probes never throw into the
 * report: "connection refused" is a finding, not an error.
 */
public record Measured<T>(T sample, String failure, String hint) {
    public static <T> Measured<T> of(T sample) {
        return new Measured<>(Objects.requireNonNull(sample, "sample"), null, null);
    }

    public static <T> Measured<T> failed(String reason, String hint) {
        return new Measured<>(null, Objects.requireNonNull(reason, "reason"), hint);
    }

    public boolean ok() {
        return sample != null;
    }
}
