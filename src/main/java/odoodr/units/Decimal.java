package odoodr.units;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as the status output writes them: no exponent, no trailing zeros, whatever the locale. */
public final class Decimal {
    private Decimal() {
    }

    /** At most {@code decimals} decimals, without trailing zeros: 3, 2.5, 0.125. */
    public static String plain(double v, int decimals) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
