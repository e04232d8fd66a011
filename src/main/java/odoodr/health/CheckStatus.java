package odoodr.health;

import java.util.Collection;

/**
 * The status of one check and of the whole report, with the Nagios plugin codes (0..3) that {@code status --output
 * nagios} exits with and that {@code odoo_dr_check_status} exports.
 */
public enum CheckStatus {
    OK(0),
    WARNING(1),
    CRITICAL(2),
    UNKNOWN(3);

    private final int code;

    CheckStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * How bad it is, for the overall status: CRITICAL > WARNING > UNKNOWN > OK (the monitoring plugins'
     * {@code max_state_alt}). UNKNOWN outranks OK, so a check that could not measure is never hidden behind green
     * rows; it ranks below WARNING because a measured problem is more specific than a missing measurement.
     */
    public int severity() {
        return switch (this) {
            case OK -> 0;
            case UNKNOWN -> 1;
            case WARNING -> 2;
            case CRITICAL -> 3;
        };
    }

    public CheckStatus worst(CheckStatus other) {
        return other.severity() > severity() ? other : this;
    }

    /** The worst of {@code statuses}; OK when there are none. */
    public static CheckStatus worstOf(Collection<CheckStatus> statuses) {
        CheckStatus worst = OK;
        for (CheckStatus s : statuses) {
            worst = worst.worst(s);
        }
        return worst;
    }
}
