package odoodr.health;

import odoodr.config.DrillConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drill's health rows and its state file. */
class DrillChecksTest {
    private static final Instant NOW = Instant.parse("2026-12-20T00:00:00Z");
    private static final DrillConfig WEEKLY = new DrillConfig(Optional.empty(), Optional.empty(), Duration.ofDays(30),
            Optional.of(Duration.ofDays(7)));

    private static Map<String, Double> phases() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("copy", 1.5);
        p.put("recovery", 2.0);
        p.put("neutralize", 0.2);
        p.put("verify", 0.3);
        p.put("check", 0.0);
        p.put("total", 4.0);
        return p;
    }

    private static DrillRecord passedAgo(Duration ago) {
        return DrillRecord.after(Optional.empty(), NOW.minus(ago), Optional.empty(), "drill_x", phases());
    }

    @Test
    void aRecentPassIsOkWithItsAgeAndEveryPhaseAsASecondsRow() {
        List<HealthCheck> rows = DrillChecks.evaluate(Measured.of(Optional.of(passedAgo(Duration.ofDays(2)))),
                DrillConfig.DEFAULTS, NOW);
        assertThat(rows.get(0).id()).isEqualTo("drill_last_success");
        assertThat(rows.get(0).status()).isEqualTo(CheckStatus.OK);
        assertThat(rows.get(0).value().value()).isEqualTo(2 * 86400.0);
        assertThat(rows).extracting(HealthCheck::id).containsExactly("drill_last_success", "drill_copy",
                "drill_recovery", "drill_neutralize", "drill_verify", "drill_check", "drill_total");
        assertThat(rows.get(1).value().unit()).isEqualTo(Unit.SECONDS);
        assertThat(rows.get(1).value().value()).isEqualTo(1.5);
    }

    @Test
    void pastMaxAgeIsAWarning() {
        HealthCheck row = DrillChecks.evaluate(Measured.of(Optional.of(passedAgo(Duration.ofDays(31)))),
                DrillConfig.DEFAULTS, NOW).get(0);
        assertThat(row.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(row.detail()).contains("drill.max_age");
    }

    @Test
    void aFailedDrillKeepsTheLastSuccessAndWarnsWithItsReason() {
        DrillRecord failed = DrillRecord.after(Optional.of(passedAgo(Duration.ofDays(3))), NOW.minusSeconds(60),
                Optional.of("verify: 1 attachment file(s) … missing ab/ab12"), "drill_y", phases());
        assertThat(failed.lastSuccess()).contains(NOW.minus(Duration.ofDays(3)));
        HealthCheck row = DrillChecks.evaluate(Measured.of(Optional.of(failed)), DrillConfig.DEFAULTS, NOW).get(0);
        assertThat(row.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(row.detail()).contains("FAILED").contains("missing ab/ab12");
        DrillRecord never = DrillRecord.after(Optional.empty(), NOW, Optional.of("boom"), "drill_z", phases());
        assertThat(DrillChecks.evaluate(Measured.of(Optional.of(never)), DrillConfig.DEFAULTS, NOW).get(0).detail())
                .contains("no drill has passed yet").contains("boom");
    }

    @Test
    void neverDrilledIsShownOnlyWhenTheAgentIsToDrill() {
        Measured<Optional<DrillRecord>> none = Measured.of(Optional.empty());
        assertThat(DrillChecks.shown(none, DrillConfig.DEFAULTS)).isFalse();
        assertThat(DrillChecks.shown(none, WEEKLY)).isTrue();
        List<HealthCheck> rows = DrillChecks.evaluate(none, WEEKLY, NOW);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CheckStatus.WARNING);
            assertThat(r.detail()).contains("no drill has run yet");
        });
        assertThat(DrillChecks.shown(Measured.of(Optional.of(passedAgo(Duration.ZERO))), DrillConfig.DEFAULTS)).isTrue();
        assertThat(DrillChecks.evaluate(Measured.failed("cannot read", "hint"), DrillConfig.DEFAULTS, NOW).get(0).status())
                .isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void theStateFileRoundTripsIsPrivateAndRefusesAnotherSchema(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub").resolve("drill.json");
        assertThat(DrillStateFile.read(file)).isEmpty();
        DrillRecord r = DrillRecord.after(Optional.of(passedAgo(Duration.ofDays(1))), NOW, Optional.of("x failed"),
                "drill_20261220_000000", phases());
        DrillStateFile.write(file, r);
        assertThat(DrillStateFile.read(file)).contains(r);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("\"result\": \"failed\"").contains("\"phases_seconds\"");
        Files.writeString(file, "{\"schema\": 2}");
        assertThatThrownBy(() -> DrillStateFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("schema");
    }
}
