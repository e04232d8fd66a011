package odoodr.config;

import java.math.BigDecimal;

/**
 * Percentages such as {@code 10%} or {@code 2.5%}, strictly between 0 and 100. The {@code %} is required: a bare
 * {@code 0.1} could mean a tenth or a tenth of a percent.
 */
public final class PercentValue {
    private static final String HELP = "write a percentage between 0 and 100 with its % sign, e.g. 10% or 2.5%";

    private PercentValue() {
    }

    public static double parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.matches("\\d+(\\.\\d+)?\\s*%")) {
            throw new InvalidValueException("`" + ValueDisplay.quote(text) + "` is not a percentage", HELP);
        }
        double value = new BigDecimal(trimmed.substring(0, trimmed.length() - 1).strip()).doubleValue();
        if (value <= 0 || value >= 100) {
            throw new InvalidValueException("`" + trimmed + "` is not between 0% and 100%", HELP);
        }
        return value;
    }

    /** Reads back with {@link #parse}: {@code 10%}, {@code 2.5%}. */
    public static String format(double percent) {
        return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString() + "%";
    }
}
