package odoodr.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import odoodr.DrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code health:} thresholds: defaults, every key settable, units required, warning before critical. */
class HealthConfigTest {
    @Test
    void withoutASectionTheDefaultsApply() {
        HealthConfig h = ConfigFixture.load(ConfigFixture.MINIMAL).health();
        assertThat(h).isEqualTo(HealthConfig.DEFAULTS);
        assertThat(h.lagWarning()).isEqualTo(Duration.ofSeconds(30));
        assertThat(h.lagCritical()).isEqualTo(Duration.ofMinutes(5));
        assertThat(h.slotRetainedWarning()).isEqualTo(1L << 30);
        assertThat(h.slotRetainedCritical()).isEqualTo(10L << 30);
        assertThat(h.diskFreeWarning()).isEqualTo(10.0);
        assertThat(h.diskFreeCritical()).isEqualTo(5.0);
        assertThat(h.filestoreAgeWarning()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void everyKeyCanBeSet() {
        HealthConfig h = ConfigFixture.load(ConfigFixture.MINIMAL + """
                health:
                  lag_warning: 1m
                  lag_critical: 10m
                  lag_bytes_warning: 64MB
                  lag_bytes_critical: 1GB
                  slot_retained_warning: 5GB
                  slot_retained_critical: 50GB
                  disk_free_warning: 20%
                  disk_free_critical: 2.5%
                  filestore_age_warning: 30m
                  filestore_age_critical: 2h
                """).health();
        assertThat(h).isEqualTo(new HealthConfig(Duration.ofMinutes(1), Duration.ofMinutes(10), 64L << 20, 1L << 30,
                5L << 30, 50L << 30, 20, 2.5, Duration.ofMinutes(30), Duration.ofHours(2)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "health.lag_warning           | 30        | has no unit",
            "health.slot_retained_warning | lots      | is not a size",
            "health.disk_free_warning     | 10        | is not a percentage",
            "health.disk_free_critical    | 0%        | is not between 0% and 100%",
            "health.disk_free_warning     | 100%      | is not between 0% and 100%",
            "health.lag_typo              | 1m        | unknown key",
    })
    void badValuesAreReportedAtTheirLine(String key, String value, String problem) {
        String yaml = ConfigFixture.withValue(key, value);
        DrException e = ConfigFixture.loadFailsAt(yaml, key.equals("health.lag_typo") ? "lag_typo" : key,
                ConfigFixture.lastLine(yaml));
        assertThat(e.getMessage()).contains(problem);
    }

    @Test
    void aWarningThatCouldNeverShowIsAnErrorAtTheCriticalLine() {
        String yaml = ConfigFixture.MINIMAL + """
                health:
                  lag_warning: 10m
                  lag_critical: 1m
                """;
        DrException e = ConfigFixture.loadFailsAt(yaml, "health.lag_critical", ConfigFixture.lineOf(yaml, "lag_critical"));
        assertThat(e.getMessage()).contains("health.lag_warning (10m) is above health.lag_critical (1m)");

        String disk = ConfigFixture.MINIMAL + "health:\n  disk_free_critical: 20%\n";
        assertThat(ConfigFixture.loadFailsAt(disk, "health.disk_free_critical", ConfigFixture.lastLine(disk)).getMessage())
                .contains("health.disk_free_warning (10%) is below health.disk_free_critical (20%)");
    }

    @Test
    void theTemplateWritesEveryThresholdWithItsDefaultAndLoadsBack() {
        String yaml = ConfigTemplate.render(Map.of(ConfigKeys.PROD_SSH_HOST, "prod.example.com"), "prd-vnic");
        assertThat(yaml).contains("health:\n", "  lag_warning: 30s\n", "  lag_critical: 5m\n",
                "  slot_retained_warning: 1GB\n", "  slot_retained_critical: 10GB\n", "  disk_free_warning: 10%\n",
                "  disk_free_critical: 5%\n", "  filestore_age_warning: 15m\n", "  lag_bytes_critical: 2GB\n",
                "max_slot_wal_keep_size");
        Config c = ConfigFixture.load(yaml);
        assertThat(c.health()).isEqualTo(HealthConfig.DEFAULTS);
        assertThat(c.source().lineOf(ConfigKeys.HEALTH_LAG_WARNING)).isPresent();
    }

    @Test
    void describedWithTheirOrigin() {
        Config c = ConfigFixture.load(ConfigFixture.MINIMAL + "health:\n  disk_free_warning: 15%\n");
        assertThat(c.describe()).anySatisfy(s -> {
            assertThat(s.key()).isEqualTo("health.disk_free_warning");
            assertThat(s.value()).isEqualTo("15%");
            assertThat(s.origin()).isEqualTo(ConfigFixture.FILE + ":5");
        }).anySatisfy(s -> {
            assertThat(s.key()).isEqualTo("health.slot_retained_critical");
            assertThat(s.value()).isEqualTo("10GB");
            assertThat(s.origin()).isEqualTo(EffectiveSetting.DEFAULT);
        });
    }
}
