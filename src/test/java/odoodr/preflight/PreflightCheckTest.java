package odoodr.preflight;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.RunReport;
import odoodr.runbook.Runbook;
import odoodr.runbook.StepOutcome;
import odoodr.runbook.SetupContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How preflight's checks run in the engine: all of them, each blocker with its class, dependents not repeated. */
class PreflightCheckTest {

    static final class Fake extends PreflightCheck {
        final AtomicInteger looked = new AtomicInteger();
        private final Supplier<Check> answer;

        Fake(Findings f, String id, Supplier<Check> answer, String... requires) {
            super(f, id, "check " + id, requires);
            this.answer = answer;
        }

        @Override
        protected Check inspect(SetupContext ctx) {
            looked.incrementAndGet();
            return answer.get();
        }
    }

    private static RunReport run(List<Fake> checks) {
        return new Runbook<SetupContext>(checks, List.of()).run(null, true, o -> { });
    }

    @Test
    void aThrowingCheckIsBlockedWithItsErrorsClassAndItsDependentsAreNotTried() {
        Findings f = new Findings();
        Fake ssh = new Fake(f, "ssh", () -> {
            throw new DrException(ExitCode.SSH, "ssh to prod failed", "check the host");
        });
        Fake sudo = new Fake(f, "sudo", () -> Check.satisfied("sudo ok"), "ssh");
        Fake local = new Fake(f, "local", () -> Check.satisfied("here"));
        Fake db = new Fake(f, "db", () -> Check.satisfied("db ok"), "ssh");
        Fake major = new Fake(f, "major", () -> Check.satisfied("15"), "db");

        RunReport r = run(List.of(ssh, sudo, local, db, major));

        assertThat(r.exitCode()).isEqualTo(ExitCode.SSH);
        assertThat(r.outcomes()).extracting(StepOutcome::result).containsExactly(StepOutcome.Result.BLOCKED,
                StepOutcome.Result.BLOCKED, StepOutcome.Result.ALREADY_DONE, StepOutcome.Result.BLOCKED,
                StepOutcome.Result.BLOCKED);
        assertThat(r.outcomes().get(0).hint()).isEqualTo("check the host");
        assertThat(r.outcomes().get(1).detail()).isEqualTo("not checked: ssh is blocked");
        assertThat(r.outcomes().get(4).detail()).isEqualTo("not checked: db is blocked");
        // dependents carry the root cause's class, so the exit code is the cause's whatever comes first
        assertThat(r.outcomes()).filteredOn(o -> o.result() == StepOutcome.Result.BLOCKED)
                .extracting(StepOutcome::code).containsOnly(ExitCode.SSH);
        assertThat(sudo.looked.get() + db.looked.get() + major.looked.get()).isZero();
        assertThat(local.looked.get()).isOne();
        assertThat(r.changedNothing()).isTrue();
    }

    @Test
    void everyIndependentBlockerIsReportedTogether() {
        Findings f = new Findings();
        RunReport r = run(List.of(
                new Fake(f, "a", () -> Check.satisfied("fine")),
                new Fake(f, "b", () -> Check.blocked("b is wrong", "fix b")),
                new Fake(f, "c", () -> Check.blocked("c is wrong", "fix c")),
                new Fake(f, "d", () -> Check.satisfied("fine"), "a")));
        assertThat(r.exitCode()).isEqualTo(ExitCode.PRECONDITION);
        assertThat(r.blocked()).extracting(StepOutcome::hint).containsExactly("fix b", "fix c");
        assertThat(r.outcomes().get(3).result()).isEqualTo(StepOutcome.Result.ALREADY_DONE);
    }

    @Test
    void theRealChecksHaveStableIdsAndNeverApply() {
        assertThat(Preflight.checkIds()).containsExactly("ssh-reachable", "prod-sudo", "prod-container",
                "prod-postgres", "prod-superuser", "postgres-major", "replica-binaries", "wal-level", "wal-senders",
                "replication-slots", "replica-locale", "replica-disk", "replica-neighbours");
        List<PreflightCheck> checks = Preflight.checks(new Findings(), new ProdDatabase(), LocaleLister.system());
        for (int i = 0; i < checks.size(); i++) {
            PreflightCheck c = checks.get(i);
            assertThatThrownBy(() -> c.apply(null)).isInstanceOf(UnsupportedOperationException.class);
            // prerequisites are earlier checks: the engine has their result when a dependent runs
            List<String> earlier = checks.subList(0, i).stream().map(PreflightCheck::id).toList();
            assertThat(earlier).as(c.id()).containsAll(c.prerequisites());
        }
    }
}
