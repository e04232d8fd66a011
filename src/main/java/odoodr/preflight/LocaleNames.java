package odoodr.preflight;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Locale names as glibc compares them. PostgreSQL stores a database's locale as it was written at initdb or CREATE
 * DATABASE ({@code en_US.UTF-8}), {@code locale -a} prints glibc's normalised form ({@code en_US.utf8}), and
 * {@code /etc/locale.gen} wants {@code en_US.UTF-8 UTF-8}: the same locale, three spellings.
 */
final class LocaleNames {
    /** Locales every C library has, with or without anything generated. */
    private static final Set<String> ALWAYS_AVAILABLE = Set.of("C", "POSIX");

    private LocaleNames() {
    }

    /**
     * glibc's normalisation ({@code _nl_normalize_codeset}): the codeset is lower-cased and stripped of everything but
     * letters and digits, and a codeset of digits only gets "iso" in front; language, territory and modifier stay as
     * they are. {@code en_US.UTF-8} and {@code en_US.utf8} both become {@code en_US.utf8};
     * {@code de_DE.ISO-8859-1@euro} becomes {@code de_DE.iso88591@euro}.
     */
    static String normalize(String name) {
        String text = name.strip();
        String modifier = "";
        int at = text.indexOf('@');
        if (at >= 0) {
            modifier = text.substring(at);
            text = text.substring(0, at);
        }
        int dot = text.indexOf('.');
        if (dot < 0) {
            return text + modifier;
        }
        String codeset = text.substring(dot + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (!codeset.isEmpty() && codeset.chars().allMatch(Character::isDigit)) {
            codeset = "iso" + codeset;
        }
        return text.substring(0, dot) + "." + codeset + modifier;
    }

    static boolean alwaysAvailable(String name) {
        return ALWAYS_AVAILABLE.contains(name.strip());
    }

    /** The locales of {@code needed} that are neither in {@code available} (as {@code locale -a} prints them) nor C/POSIX. */
    static Set<String> missing(Collection<String> needed, Collection<String> available) {
        Set<String> have = new TreeSet<>();
        available.forEach(a -> have.add(normalize(a)));
        Set<String> missing = new TreeSet<>();
        for (String n : needed) {
            if (!n.isBlank() && !alwaysAvailable(n) && !have.contains(normalize(n))) {
                missing.add(n);
            }
        }
        return missing;
    }

    /**
     * The line of glibc's list of supported locales ({@code /usr/share/i18n/SUPPORTED}, "en_US.UTF-8 UTF-8") that
     * names this locale: exactly what {@code /etc/locale.gen} must hold for Debian's locale-gen to build it.
     */
    static Optional<String> supportedLine(String locale, List<String> supportedLines) {
        String wanted = normalize(locale);
        return supportedLines.stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .filter(l -> normalize(l.split("\\s+")[0]).equals(wanted))
                .findFirst();
    }
}
