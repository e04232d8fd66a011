package odoodr.output;

import odoodr.health.CheckStatus;
import odoodr.health.HealthCheck;
import odoodr.health.HealthReport;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The runbook's "what healthy looks like" table, for people: one row per check (status, what, value, evidence) and
 * the hint below a row that has one. Colour is the caller's decision (a terminal, and no {@code NO_COLOR}): the
 * same report renders the same text either way, apart from the escape codes.
 */
public final class TextRenderer {
    private static final String[] HEADER = {"STATUS", "CHECK", "VALUE", "DETAIL"};
    private static final String GAP = "  ";

    private final boolean colour;

    public TextRenderer(boolean colour) {
        this.colour = colour;
    }

    public String render(HealthReport report) {
        List<HealthCheck> checks = report.checks();
        int statusWidth = "CRITICAL".length();
        int labelWidth = HEADER[1].length();
        int valueWidth = HEADER[2].length();
        for (HealthCheck c : checks) {
            labelWidth = Math.max(labelWidth, c.label().length());
            valueWidth = Math.max(valueWidth, Quantities.format(c.value()).length());
        }
        StringBuilder out = new StringBuilder();
        out.append("odoo-dr status of ").append(report.replica()).append(" at ")
                .append(report.time().truncatedTo(ChronoUnit.SECONDS)).append(": ")
                .append(paint(report.overall(), report.overall().name())).append("\n\n");
        out.append(pad(HEADER[0], statusWidth)).append(GAP).append(pad(HEADER[1], labelWidth)).append(GAP)
                .append(pad(HEADER[2], valueWidth)).append(GAP).append(HEADER[3]).append('\n');
        String indent = " ".repeat(statusWidth + GAP.length());
        for (HealthCheck c : checks) {
            out.append(paint(c.status(), pad(c.status().name(), statusWidth))).append(GAP)
                    .append(pad(c.label(), labelWidth)).append(GAP)
                    .append(pad(Quantities.format(c.value()), valueWidth)).append(GAP)
                    .append(c.detail());
            out.setLength(out.length() - trailingBlanks(out));
            out.append('\n');
            c.findHint().ifPresent(h -> out.append(indent).append("hint: ").append(h).append('\n'));
        }
        return out.toString();
    }

    private static int trailingBlanks(StringBuilder sb) {
        int n = 0;
        while (n < sb.length() && sb.charAt(sb.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private String paint(CheckStatus status, String text) {
        if (!colour) {
            return text;
        }
        String code = switch (status) {
            case OK -> "32";
            case WARNING -> "33";
            case CRITICAL -> "1;31";
            case UNKNOWN -> "35";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }
}
