package odoodr.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code drill:} defaults without the section, every key settable, off as a schedule, bad values at their line. */
class DrillConfigTest {
    @Test
    void withoutASectionNoScheduleAndThirtyDays() {
        Config c = ConfigFixture.load(ConfigFixture.MINIMAL);
        assertThat(c.drill()).isEqualTo(DrillConfig.DEFAULTS);
        assertThat(c.drill().maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(c.drill().schedule()).isEmpty();
    }

    @Test
    void everyKeyCanBeSet() {
        String yaml = ConfigFixture.MINIMAL + """
                drill:
                  odoo_bin: /opt/odoo/odoo-bin
                  check_command: curl -fsS http://127.0.0.1:8069/web/login
                  max_age: 14d
                  schedule: 7d
                """;
        Config c = ConfigFixture.load(yaml);
        assertThat(c.drill()).isEqualTo(new DrillConfig(Optional.of(Path.of("/opt/odoo/odoo-bin")),
                Optional.of("curl -fsS http://127.0.0.1:8069/web/login"), Duration.ofDays(14),
                Optional.of(Duration.ofDays(7))));
        assertThat(c.describe()).contains(new EffectiveSetting(ConfigKeys.DRILL_SCHEDULE, "7d",
                ConfigFixture.FILE + ":" + ConfigFixture.lineOf(yaml, "schedule")));
        assertThat(ConfigFixture.load(ConfigFixture.MINIMAL + "drill:\n  schedule: off\n").drill().schedule()).isEmpty();
    }

    @Test
    void badValuesAndUnknownKeysAreErrorsAtTheirLine() {
        assertThat(failureOf("odoo_bin: odoo-bin", "drill.odoo_bin")).contains("odoo-bin");
        assertThat(failureOf("schedule: 0s", "drill.schedule")).contains("0s");
        assertThat(failureOf("max_age: 30", "drill.max_age")).contains("no unit");
        assertThat(failureOf("schedul: 7d", "drill.schedul")).as("did you mean").contains("schedule");
    }

    /** The message of loading a drill: section with the one line {@code line}, which must fail at that line. */
    private static String failureOf(String line, String key) {
        String yaml = ConfigFixture.MINIMAL + "drill:\n  " + line + "\n";
        return ConfigFixture.loadFailsAt(yaml, key, ConfigFixture.lastLine(yaml)).getMessage();
    }

    @Test
    void initWritesTheDrillSectionWithItsDefaults() {
        String yaml = ConfigTemplate.render(Map.of(ConfigKeys.PROD_SSH_HOST, "prod.example.com"), "replica1");
        assertThat(yaml).contains("drill:\n").contains("  schedule: off\n").contains("  max_age: 30d\n");
        assertThat(ConfigFixture.load(yaml).drill()).isEqualTo(DrillConfig.DEFAULTS);
    }
}
