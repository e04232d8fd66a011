package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestoreTimeTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void isoWithAnOffsetIgnoresTheHostZone() {
        RestoreTime t = RestoreTime.parse("2026-12-03T17:40:00+01:00", PARIS);
        assertThat(t.instant()).isEqualTo(Instant.parse("2026-12-03T16:40:00Z"));
        assertThat(t.zone()).isEqualTo("offset +01:00 as given");
        assertThat(RestoreTime.parse("2026-12-03T17:40:00.123456Z", PARIS).instant())
                .isEqualTo(Instant.parse("2026-12-03T17:40:00.123456Z"));
    }

    @Test
    void aLocalTimeIsReadInTheHostZoneWhichTheResultNames() {
        RestoreTime t = RestoreTime.parse("2026-12-03 17:40", PARIS);
        assertThat(t.instant()).isEqualTo(Instant.parse("2026-12-03T16:40:00Z"));
        assertThat(t.zone()).isEqualTo("the host's time zone Europe/Paris");
        assertThat(RestoreTime.parse("2026-07-03 17:40:05", PARIS).instant())
                .as("summer time").isEqualTo(Instant.parse("2026-07-03T15:40:05Z"));
    }

    @Test
    void anythingElseIsAUsageErrorNamingTheFormats() {
        assertThatThrownBy(() -> RestoreTime.parse("yesterday", PARIS)).isInstanceOf(DrException.class)
                .hasMessageContaining("cannot read \"yesterday\"")
                .satisfies(e -> {
                    assertThat(((DrException) e).exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(((DrException) e).hint()).contains("YYYY-MM-DD HH:MM[:SS]").contains("Europe/Paris");
                });
        assertThatThrownBy(() -> RestoreTime.parse("2026-13-03 17:40", PARIS)).isInstanceOf(DrException.class);
    }
}
