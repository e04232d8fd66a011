package odoodr.health;

/**
 * The identity of a check before it has a result; its methods make the result. Keeps the checks' code short:
 * {@code TUNNEL.critical(Measurement.flag(false), "nothing answers", "start it")}.
 */
public record CheckId(String id, String database, String label) {
    public static CheckId of(String id, String label) {
        return new CheckId(id, null, label);
    }

    public static CheckId forDatabase(String id, String database, String label) {
        return new CheckId(id, database, label);
    }

    public HealthCheck result(CheckStatus status, Measurement value, String detail, String hint) {
        return new HealthCheck(id, database, label, status, value, detail, hint);
    }

    public HealthCheck ok(Measurement value, String detail) {
        return result(CheckStatus.OK, value, detail, null);
    }

    public HealthCheck warning(Measurement value, String detail, String hint) {
        return result(CheckStatus.WARNING, value, detail, hint);
    }

    public HealthCheck critical(Measurement value, String detail, String hint) {
        return result(CheckStatus.CRITICAL, value, detail, hint);
    }

    /** Could not be measured: no value, the reason as detail. */
    public HealthCheck unknown(String reason, String hint) {
        return result(CheckStatus.UNKNOWN, null, reason, hint);
    }

    /** The value judged by its thresholds. */
    public HealthCheck judged(Measurement value, String detail, String hintWhenNotOk) {
        CheckStatus status = value.findThresholds().map(t -> t.classify(value.value())).orElse(CheckStatus.OK);
        return result(status, value, detail, status == CheckStatus.OK ? null : hintWhenNotOk);
    }
}
