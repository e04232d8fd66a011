package odoodr.process;

import odoodr.DrException;
import odoodr.ExitCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessRunnerTest {
    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void passesArgvWithoutAnyShell() {
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(HostileStrings.ALL);
        ProcessResult r = runner.run(Command.of(argv).timeout(Duration.ofSeconds(10)).build());
        assertThat(ShellQuoteTest.splitNul(r.stdout())).containsExactlyElementsOf(HostileStrings.ALL);
        assertThat(Path.of("/tmp/odoo-dr-pwned")).doesNotExist();
    }

    @Test
    void aChildInheritsOnlyTheListedVariablesPlusItsOwnNeverTheCallersWholeEnvironment() {
        // the precondition that makes this test able to fail: the test JVM has variables beyond the list
        assertThat(System.getenv().keySet()).isNotEmpty()
                .anyMatch(k -> !ChildEnvironment.INHERITED.contains(k));
        ProcessResult r = runner.run(Command.of("env", "-0").env("ODOO_DR_TEST_EXTRA", "yes")
                .timeout(Duration.ofSeconds(10)).build());
        List<String> keys = ShellQuoteTest.splitNul(r.stdout()).stream().filter(e -> !e.isEmpty())
                .map(e -> e.substring(0, e.indexOf('='))).toList();
        assertThat(keys).contains("ODOO_DR_TEST_EXTRA", "PATH");
        assertThat(keys).allMatch(k -> ChildEnvironment.INHERITED.contains(k) || k.equals("ODOO_DR_TEST_EXTRA"),
                "inherited or the command's own");
    }

    @Test
    void timeoutIsMandatory() {
        assertThatThrownBy(() -> Command.of("true").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = Files.createTempFile("odoo-dr-child", ".pid");
        Command cmd = Command.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait")
                .timeout(Duration.ofMillis(500)).onFailure(ExitCode.SSH, null).build();
        assertThatThrownBy(() -> runner.run(cmd))
                .isInstanceOfSatisfying(DrException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.SSH);
                    assertThat(e.getMessage()).contains("no answer within 500 ms");
                });
        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessChecks.stopsRunningWithin(grandchild, Duration.ofSeconds(10))).as("the backgrounded sleep was killed too").isTrue();
        Files.delete(pidFile);
    }

    @Test
    void failingExitCodeBecomesTheCommandsFailureClassWithStderrAndHint() {
        Command cmd = Command.of("sh", "-c", "echo 'FATAL: password authentication failed' >&2; exit 3")
                .timeout(Duration.ofSeconds(10)).onFailure(ExitCode.DATABASE, "check the superuser password").build();
        assertThatThrownBy(() -> runner.run(cmd)).isInstanceOfSatisfying(DrException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.DATABASE);
            assertThat(e.getMessage()).contains("exit 3").contains("password authentication failed");
            assertThat(e.hint()).isEqualTo("check the superuser password");
        });
    }

    @Test
    void declaredExitCodesAreSuccess() {
        ProcessResult r = runner.run(Command.of("sh", "-c", "exit 1").allowExitCodes(1).timeout(Duration.ofSeconds(5)).build());
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void secretsAreMaskedInDisplayAndErrors() {
        String secret = "s3cr3t-Pa55";
        Command cmd = Command.of("sh", "-c", "echo \"auth with " + secret + " failed\" >&2; exit 1")
                .secret(secret).timeout(Duration.ofSeconds(5)).build();
        assertThat(cmd.display()).doesNotContain(secret).contains(Redactor.MASK);
        assertThatThrownBy(() -> runner.run(cmd)).isInstanceOfSatisfying(DrException.class, e -> {
            assertThat(e.getMessage()).doesNotContain(secret).contains("auth with <masked> failed");
            assertThat(e.hint()).doesNotContain(secret);
        });
    }

    @Test
    void missingProgramSaysSo() {
        assertThatThrownBy(() -> runner.run(Command.of("/nonexistent/odoo-dr-tool").timeout(Duration.ofSeconds(5)).build()))
                .isInstanceOfSatisfying(DrException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.PROCESS);
                    assertThat(e.getMessage()).contains("cannot start /nonexistent/odoo-dr-tool");
                    assertThat(e.hint()).contains("install");
                });
    }

    @Test
    void stdinIsFedAndLargeOutputOnBothStreamsDoesNotDeadlock() {
        byte[] input = "hello\nworld\n".getBytes();
        ProcessResult r = runner.run(Command.of("sh", "-c", "cat; head -c 5000000 /dev/zero >&2; head -c 5000000 /dev/zero")
                .stdin(input).timeout(Duration.ofSeconds(30)).build());
        assertThat(r.stdoutBytes()).hasSize(input.length + 5_000_000);
        assertThat(r.stdout()).startsWith("hello\nworld\n");
        assertThat(r.stderrBytes()).hasSize(5_000_000);
    }

    @Test
    void childGetsNoTerminalInput() {
        ProcessResult r = runner.run(Command.of("sh", "-c", "cat; echo done").timeout(Duration.ofSeconds(5)).build());
        assertThat(r.stdout()).isEqualTo("done\n");
    }
}
