package odoodr.preflight;

import java.util.List;
import java.util.Optional;

/**
 * The exact commands that generate a missing locale on this replica. Ubuntu's locale-gen takes the locale as an
 * argument; Debian's ignores arguments and builds what /etc/locale.gen lists, so the line is enabled there first.
 * The line is taken from glibc's own list of supported locales, so that it is one locale-gen accepts.
 */
final class LocaleGenHint {
    private LocaleGenHint() {
    }

    /**
     * @param locale           as prod spells it, e.g. {@code de_DE.utf8}
     * @param supportedLines   /usr/share/i18n/SUPPORTED (empty when absent)
     * @param os               ID and ID_LIKE of /etc/os-release, e.g. "debian" or "ubuntu debian"
     * @param localeGenPresent /usr/sbin/locale-gen exists (the locales package is installed)
     */
    static String commands(String locale, List<String> supportedLines, String os, boolean localeGenPresent) {
        Optional<String> line = LocaleNames.supportedLine(locale, supportedLines);
        String install = localeGenPresent ? "" : "apt-get install locales && ";
        if (line.isEmpty() && !supportedLines.isEmpty()) {
            return "glibc here does not know " + locale + " (not in /usr/share/i18n/SUPPORTED): define it under"
                    + " /usr/local/share/i18n/locales, or use a replica whose system has it";
        }
        String entry = line.orElse(guessEntry(locale));
        String name = entry.split("\\s+")[0];
        String ubuntu = install + "locale-gen " + name;
        String debian = install + "sed -i 's/^# *" + sedEscape(entry) + "$/" + entry.replace("/", "\\/")
                + "/' /etc/locale.gen && grep -qx '" + entry + "' /etc/locale.gen || echo '" + entry
                + "' >> /etc/locale.gen; locale-gen";
        String words = " " + os + " ";
        if (words.contains(" ubuntu ")) {
            return "run: " + ubuntu;
        }
        if (words.contains(" debian ")) {
            return "run: " + debian;
        }
        return "on Debian run: " + debian + "; on Ubuntu: " + ubuntu;
    }

    /** "en_US.utf8" → "en_US.UTF-8 UTF-8", the usual form, when glibc's list is not there to ask. */
    private static String guessEntry(String locale) {
        String normalized = LocaleNames.normalize(locale);
        if (normalized.contains(".utf8")) {
            String name = normalized.replace(".utf8", ".UTF-8");
            return name + " UTF-8";
        }
        return locale;
    }

    private static String sedEscape(String text) {
        return text.replace("\\", "\\\\").replace(".", "\\.").replace("/", "\\/").replace("*", "\\*")
                .replace("[", "\\[").replace("^", "\\^").replace("$", "\\$");
    }
}
