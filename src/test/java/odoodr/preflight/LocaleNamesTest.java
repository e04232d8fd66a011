package odoodr.preflight;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocaleNamesTest {
    /** The first lines of Debian 12's /usr/share/i18n/SUPPORTED that matter here, verbatim. */
    private static final List<String> SUPPORTED = List.of(
            "de_DE.UTF-8 UTF-8", "de_DE ISO-8859-1", "de_DE@euro ISO-8859-15",
            "en_US.UTF-8 UTF-8", "en_US ISO-8859-1", "en_US.ISO-8859-15 ISO-8859-15",
            "fr_FR.UTF-8 UTF-8", "sr_RS@latin UTF-8");

    @Test
    void postgresSpellingAndLocaleDashAMeanTheSameLocale() {
        assertThat(LocaleNames.normalize("en_US.UTF-8")).isEqualTo("en_US.utf8");
        assertThat(LocaleNames.normalize("en_US.utf8")).isEqualTo("en_US.utf8");
        assertThat(LocaleNames.normalize("en_US.Utf-8")).isEqualTo("en_US.utf8");
        assertThat(LocaleNames.normalize("C.UTF-8")).isEqualTo("C.utf8");
    }

    @Test
    void normalisationFollowsGlibc() {
        // digits-only codesets get "iso" in front; modifiers and territory keep their case
        assertThat(LocaleNames.normalize("de_DE.8859-1")).isEqualTo("de_DE.iso88591");
        assertThat(LocaleNames.normalize("de_DE.ISO-8859-15@euro")).isEqualTo("de_DE.iso885915@euro");
        assertThat(LocaleNames.normalize("sr_RS.UTF-8@latin")).isEqualTo("sr_RS.utf8@latin");
        assertThat(LocaleNames.normalize("de_DE")).isEqualTo("de_DE");
        assertThat(LocaleNames.normalize(" en_US.UTF-8 ")).isEqualTo("en_US.utf8");
        // language and territory are not case-folded by glibc either
        assertThat(LocaleNames.normalize("en_us.UTF-8")).isNotEqualTo(LocaleNames.normalize("en_US.UTF-8"));
    }

    @Test
    void missingComparesNormalisedNamesAndAlwaysHasCAndPosix() {
        List<String> localeA = List.of("C", "C.utf8", "POSIX", "en_US.utf8");
        assertThat(LocaleNames.missing(List.of("en_US.UTF-8", "C", "POSIX", "C.UTF-8"), localeA)).isEmpty();
        assertThat(LocaleNames.missing(List.of("en_US.UTF-8", "de_DE.UTF-8", "fr_FR.utf8"), localeA))
                .containsExactly("de_DE.UTF-8", "fr_FR.utf8");
        // C and POSIX need nothing generated, even on a system whose locale -a is empty
        assertThat(LocaleNames.missing(List.of("C", "POSIX"), List.of())).isEmpty();
        assertThat(LocaleNames.missing(List.of("C.UTF-8"), List.of())).containsExactly("C.UTF-8");
    }

    @Test
    void findsTheLocaleGenLineForEitherSpelling() {
        assertThat(LocaleNames.supportedLine("de_DE.utf8", SUPPORTED)).contains("de_DE.UTF-8 UTF-8");
        assertThat(LocaleNames.supportedLine("en_US.UTF-8", SUPPORTED)).contains("en_US.UTF-8 UTF-8");
        assertThat(LocaleNames.supportedLine("de_DE", SUPPORTED)).contains("de_DE ISO-8859-1");
        assertThat(LocaleNames.supportedLine("xx_YY.UTF-8", SUPPORTED)).isEmpty();
    }

    @Test
    void debianHintEnablesTheLineInLocaleGenThenRunsLocaleGen() {
        String hint = LocaleGenHint.commands("de_DE.utf8", SUPPORTED, "debian", true);
        assertThat(hint).isEqualTo("run: sed -i 's/^# *de_DE\\.UTF-8 UTF-8$/de_DE.UTF-8 UTF-8/' /etc/locale.gen"
                + " && grep -qx 'de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen;"
                + " locale-gen");
    }

    @Test
    void ubuntuHintNamesTheLocale() {
        assertThat(LocaleGenHint.commands("de_DE.utf8", SUPPORTED, "ubuntu debian", true))
                .isEqualTo("run: locale-gen de_DE.UTF-8");
    }

    @Test
    void unknownSystemGetsBothAndAMissingLocalesPackageIsInstalledFirst() {
        String hint = LocaleGenHint.commands("fr_FR.UTF-8", SUPPORTED, "", false);
        assertThat(hint).startsWith("on Debian run: apt-get install locales && sed -i")
                .contains("; on Ubuntu: apt-get install locales && locale-gen fr_FR.UTF-8");
    }

    @Test
    void withoutGlibcsListTheUsualLineIsGuessed() {
        assertThat(LocaleGenHint.commands("nl_NL.utf8", List.of(), "ubuntu", true)).isEqualTo("run: locale-gen nl_NL.UTF-8");
    }

    @Test
    void aLocaleGlibcDoesNotKnowIsSaidPlainly() {
        assertThat(LocaleGenHint.commands("xx_YY.UTF-8", SUPPORTED, "debian", true))
                .contains("does not know xx_YY.UTF-8");
    }
}
