package odoodr.runbook;

import odoodr.DrException;
import odoodr.ExitCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static odoodr.runbook.StepOutcome.Result.ALREADY_DONE;
import static odoodr.runbook.StepOutcome.Result.BLOCKED;
import static odoodr.runbook.StepOutcome.Result.DONE;
import static odoodr.runbook.StepOutcome.Result.FAILED;
import static odoodr.runbook.StepOutcome.Result.NOT_REACHED;
import static odoodr.runbook.StepOutcome.Result.WOULD_DO;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine's rules, on an in-memory "world" (a set of facts) — pure logic, no external system. */
class RunbookTest {

    /** A step that makes one fact true; its check looks at the world only. */
    static class FactStep implements Step<Set<String>> {
        final String fact;
        boolean applyHasNoEffect;
        DrException applyThrows;
        int applied;

        FactStep(String fact) {
            this.fact = fact;
        }

        @Override
        public String id() {
            return "ensure-" + fact;
        }

        @Override
        public String title() {
            return fact;
        }

        @Override
        public Check check(Set<String> world) {
            return world.contains(fact) ? Check.satisfied(fact + " present") : Check.needed("create " + fact);
        }

        @Override
        public void apply(Set<String> world) {
            applied++;
            if (applyThrows != null) {
                throw applyThrows;
            }
            if (!applyHasNoEffect) {
                world.add(fact);
            }
        }
    }

    static Step<Set<String>> precondition(String fact, String hint) {
        return new FactStep(fact) {
            @Override
            public Check check(Set<String> world) {
                return world.contains(fact) ? Check.satisfied(fact) : Check.blocked(fact + " missing", hint);
            }
        };
    }

    private final List<StepOutcome> seen = new ArrayList<>();

    private static List<StepOutcome.Result> results(RunReport r) {
        return r.outcomes().stream().map(StepOutcome::result).toList();
    }

    @Test
    void appliesNeededStepsThenASecondRunChangesNothing() {
        Set<String> world = new HashSet<>(Set.of("role"));
        FactStep role = new FactStep("role");
        FactStep slot = new FactStep("slot");
        Runbook<Set<String>> rb = new Runbook<>(List.of(), List.of(role, slot));

        RunReport first = rb.run(world, false, seen::add);
        assertThat(results(first)).containsExactly(ALREADY_DONE, DONE);
        assertThat(first.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(seen).hasSize(2);

        RunReport second = rb.run(world, false, o -> { });
        assertThat(results(second)).containsExactly(ALREADY_DONE, ALREADY_DONE);
        assertThat(second.changedNothing()).isTrue();
        assertThat(role.applied + slot.applied).isEqualTo(1);
    }

    @Test
    void dryRunChecksForRealAndChangesNothing() {
        Set<String> world = new HashSet<>();
        FactStep slot = new FactStep("slot");
        RunReport r = new Runbook<>(List.of(), List.of(slot)).run(world, true, o -> { });
        assertThat(r.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(WOULD_DO);
            assertThat(o.detail()).isEqualTo("create slot");
        });
        assertThat(world).isEmpty();
        assertThat(slot.applied).isZero();
        assertThat(r.succeeded()).isTrue();
    }

    @Test
    void everyBlockedPreconditionIsReportedTogetherAndNothingIsApplied() {
        Set<String> world = new HashSet<>();
        FactStep slot = new FactStep("slot");
        Runbook<Set<String>> rb = new Runbook<>(
                List.of(precondition("locale", "run locale-gen"), precondition("binaries", "apt-get install")),
                List.of(slot));
        RunReport r = rb.run(world, false, o -> { });
        assertThat(results(r)).containsExactly(BLOCKED, BLOCKED, NOT_REACHED);
        assertThat(r.blocked()).extracting(StepOutcome::hint).containsExactly("run locale-gen", "apt-get install");
        assertThat(r.exitCode()).isEqualTo(ExitCode.PRECONDITION);
        assertThat(slot.applied).isZero();
    }

    @Test
    void neverGoesPastAFailedVerify() {
        Set<String> world = new HashSet<>();
        FactStep broken = new FactStep("standby");
        broken.applyHasNoEffect = true;
        FactStep after = new FactStep("agent");
        RunReport r = new Runbook<>(List.of(), List.of(broken, after)).run(world, false, o -> { });
        assertThat(results(r)).containsExactly(FAILED, NOT_REACHED);
        assertThat(r.outcomes().get(0).detail()).startsWith("verification failed after applying: create standby");
        assertThat(r.exitCode()).isEqualTo(ExitCode.VERIFY);
        assertThat(after.applied).isZero();
    }

    @Test
    void aFailingApplyKeepsItsOwnExitCodeAndHint() {
        FactStep backup = new FactStep("basebackup");
        backup.applyThrows = new DrException(ExitCode.BASE_BACKUP, "pg_basebackup failed", "check disk space");
        RunReport r = new Runbook<>(List.of(), List.of(backup, new FactStep("start"))).run(new HashSet<>(), false, o -> { });
        assertThat(results(r)).containsExactly(FAILED, NOT_REACHED);
        assertThat(r.exitCode()).isEqualTo(ExitCode.BASE_BACKUP);
        assertThat(r.outcomes().get(0).hint()).isEqualTo("check disk space");
    }

    @Test
    void aCheckThatThrowsBlocksWithTheErrorsClass() {
        Step<Set<String>> unreachable = new FactStep("ssh") {
            @Override
            public Check check(Set<String> world) {
                throw new DrException(ExitCode.SSH, "ssh to ubuntu@prod:22 failed: Connection timed out", "check the host");
            }
        };
        RunReport r = new Runbook<>(List.of(unreachable), List.of(new FactStep("x"))).run(new HashSet<>(), true, o -> { });
        assertThat(results(r)).containsExactly(BLOCKED, NOT_REACHED);
        assertThat(r.exitCode()).isEqualTo(ExitCode.SSH);
    }
}
