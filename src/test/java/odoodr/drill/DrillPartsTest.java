package odoodr.drill;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.health.DrillRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drill's pure parts: report rendering, identity comparison, the check's environment, the schedule, the clock. */
class DrillPartsTest {
    private static final Instant T = Instant.parse("2026-12-20T10:00:00Z");

    private static DrillReport report(Optional<String> failure, boolean kept) {
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("copy", 1.2);
        phases.put("recovery", 3.4);
        phases.put("total", 4.6);
        return new DrillReport("drill_20261220_100000", 5433, T, T.plusSeconds(5), Optional.of("the standby's replay"
                + " position 0/3000060"), Optional.of("20261220T090000Z (finished …)"), failure,
                failure.map(f -> "verify"), phases, List.of(new Neutralizer.Result("odoo", "odoo-dr's neutralization",
                List.of("ir_cron: every cron inactive (autovacuum too)"))), List.of("verify: all 5 attachments"),
                Optional.of(new CheckCommand.Outcome(0, "HTTP/1.1 200 OK")), kept);
    }

    @Test
    void textShowsResultPhasesChangesAndWhatBecameOfTheCopy() {
        String text = DrillRenderer.text(report(Optional.empty(), false));
        assertThat(text).startsWith("drill: PASSED (copy drill_20261220_100000 on 127.0.0.1:5433)")
                .contains("ir_cron: every cron inactive").contains("    | HTTP/1.1 200 OK")
                .containsPattern("copy +1\\.2\n").containsPattern("total +4\\.6\n").contains("port 5433 is free again");
        String kept = DrillRenderer.text(report(Optional.of("verify: 1 … missing ab/ab12 (attachment 7)"), true));
        assertThat(kept).startsWith("drill: FAILED").contains("failed in verify: verify: 1 … missing ab/ab12")
                .contains("restore --drop drill_20261220_100000");
    }

    @Test
    void jsonCarriesTheSameFacts() {
        String json = DrillRenderer.json(report(Optional.empty(), false));
        assertThat(json).startsWith("{").contains("\"schema\": \"odoo-dr.drill/1\"").contains("\"result\": \"passed\"")
                .contains("\"copy\": 1.2").contains("\"port\": 5433").contains("\"exit_code\": 0")
                .contains("\"failure\": null");
    }

    @Test
    void identityMustComeThroughUnchangedAndTheSecretIsNeverShown() {
        IdentityCheck.Identity recovered = new IdentityCheck.Identity("odoo", "3f1c-uuid", "md5ofsecret");
        assertThat(IdentityCheck.compare(recovered, new IdentityCheck.Identity("odoo", "3f1c-uuid", "md5ofsecret")))
                .contains("3f1c-uuid").doesNotContain("md5ofsecret");
        assertThatThrownBy(() -> IdentityCheck.compare(recovered, new IdentityCheck.Identity("odoo", "other", "md5ofsecret")))
                .isInstanceOf(DrException.class).hasMessageContaining("from 3f1c-uuid (the standby's) to other");
        assertThatThrownBy(() -> IdentityCheck.compare(recovered, new IdentityCheck.Identity("odoo", "3f1c-uuid", "x")))
                .isInstanceOf(DrException.class).hasMessageContaining("database.secret changed")
                .hasMessageNotContaining("md5ofsecret")
                .satisfies(e -> assertThat(((DrException) e).exitCode()).isEqualTo(ExitCode.DRILL));
        IdentityCheck.Identity none = new IdentityCheck.Identity("odoo", "", "");
        assertThat(IdentityCheck.compare(none, none)).contains("not compared");
    }

    @Test
    void theCheckCommandSeesOnlyPathAndTheCopysCoordinates() {
        Map<String, String> env = CheckCommand.environment(5433, List.of("odoo", "odoo2"));
        assertThat(env).containsOnlyKeys("PATH", "ODOO_DR_DRILL_HOST", "ODOO_DR_DRILL_PORT", "ODOO_DR_DRILL_DATABASE",
                "ODOO_DR_DRILL_DATABASES").containsEntry("ODOO_DR_DRILL_PORT", "5433")
                .containsEntry("ODOO_DR_DRILL_DATABASE", "odoo").containsEntry("ODOO_DR_DRILL_DATABASES", "odoo,odoo2");
        List<String> argv = CheckCommand.argv("curl -s localhost", env);
        assertThat(argv.subList(0, 2)).containsExactly("/usr/bin/env", "-i");
        assertThat(argv.subList(argv.size() - 3, argv.size())).containsExactly("/bin/sh", "-c", "curl -s localhost");
    }

    @Test
    void aScheduledDrillIsDueAnIntervalAfterTheLastAttempt() {
        Duration week = Duration.ofDays(7);
        assertThat(DrillJob.due(Optional.empty(), week, T)).isTrue();
        DrillRecord last = DrillRecord.after(Optional.empty(), T, Optional.of("failed"), "drill_x", Map.of());
        assertThat(DrillJob.due(Optional.of(last), week, T.plus(Duration.ofDays(6)))).isFalse();
        assertThat(DrillJob.due(Optional.of(last), week, T.plus(week))).isTrue();
    }

    @Test
    void thePhaseClockTimesPhasesInOrderAndTheTotalOfThoseThatRan() {
        PhaseClock clock = new PhaseClock(List.of("copy", "recovery", "neutralize", "total"));
        assertThat(clock.current()).isEqualTo("copy");
        clock.end();
        assertThat(clock.current()).isEqualTo("recovery");
        clock.total();
        assertThat(clock.seconds().keySet()).containsExactly("copy", "total");
    }
}
