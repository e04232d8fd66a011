package odoodr.health;

/**
 * Where a value turns WARNING and CRITICAL. Usually a value is bad when high (lag, retained WAL): WARNING from
 * {@code warning} on, CRITICAL from {@code critical} on. With {@code lowIsBad} (free disk) it is the other way round.
 */
public record Thresholds(double warning, double critical, boolean lowIsBad) {
    public static Thresholds above(double warning, double critical) {
        return new Thresholds(warning, critical, false);
    }

    public static Thresholds below(double warning, double critical) {
        return new Thresholds(warning, critical, true);
    }

    public CheckStatus classify(double value) {
        if (lowIsBad) {
            return value <= critical ? CheckStatus.CRITICAL : value <= warning ? CheckStatus.WARNING : CheckStatus.OK;
        }
        return value >= critical ? CheckStatus.CRITICAL : value >= warning ? CheckStatus.WARNING : CheckStatus.OK;
    }
}
