package odoodr.process;

import java.util.List;

/** Arguments that break naive quoting: every one must reach the program byte for byte. */
public final class HostileStrings {
    public static final List<String> ALL = List.of(
            "plain",
            "",
            " ",
            "two words",
            "it's",
            "'",
            "''",
            "\"double\"",
            "back\\slash\\",
            "$(touch /tmp/odoo-dr-pwned)",
            "`touch /tmp/odoo-dr-pwned`",
            "${HOME}",
            "$HOME",
            "a;b",
            "a && b || c",
            "a | b",
            "> /tmp/odoo-dr-pwned",
            "line1\nline2\n",
            "tab\there",
            "*",
            "~",
            "-n",
            "--help",
            "#not a comment",
            "!event",
            "é à ü ß 東京 🐘",
            "carriage\rreturn");

    private HostileStrings() {
    }
}
