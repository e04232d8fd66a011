package odoodr.ssh;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.lab.ProdLab;
import odoodr.lab.ProdLabExtension;
import odoodr.process.HostileStrings;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Remote execution through the lab's real sshd: arguments arrive byte for byte, failures are classified. */
@ExtendWith(ProdLabExtension.class)
class RemoteShellLabTest {
    private static final Duration T = Duration.ofSeconds(30);

    private static RemoteShell shell(ProdLab lab) {
        return new RemoteShell(new ProcessRunner(),
                new SshTarget(lab.sshUser(), lab.sshHost(), lab.sshPort(), lab.operatorKey(), lab.knownHosts()));
    }

    @Test
    void hostileArgumentsReachTheRemoteProgramByteForByte(ProdLab lab) {
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(HostileStrings.ALL);
        ProcessResult r = shell(lab).run(argv, T);
        byte[] expected = (String.join("\0", HostileStrings.ALL) + "\0").getBytes(StandardCharsets.UTF_8);
        assertThat(r.stdoutBytes()).isEqualTo(expected);
        // nothing was executed by a shell on prod: the would-be side effects do not exist there
        assertThat(lab.exec("test", "-e", "/tmp/odoo-dr-pwned").exitCode()).isNotZero();
    }

    @Test
    void hostileArgumentsSurviveSudoToo(ProdLab lab) {
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(HostileStrings.ALL);
        ProcessResult r = shell(lab).sudo(argv, T);
        assertThat(Arrays.asList(r.stdout().split("\0", -1)).subList(0, HostileStrings.ALL.size()))
                .containsExactlyElementsOf(HostileStrings.ALL);
    }

    @Test
    void stdinIsPassedThrough(ProdLab lab) throws Exception {
        RemoteShell sh = shell(lab);
        byte[] input = "odoo \u00e9\n$(id)\n".getBytes(StandardCharsets.UTF_8);
        ProcessResult r = sh.run(sh.command(List.of("sha1sum"), T).stdin(input).build());
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(input));
        assertThat(r.stdout().split(" ")[0]).isEqualTo(expected);
    }

    @Test
    void remoteExitCodesPassThroughAndFailuresAreTheCommandsClass(ProdLab lab) {
        RemoteShell sh = shell(lab);
        assertThat(sh.run(sh.command(List.of("sh", "-c", "exit 3"), T).allowExitCodes(3).build()).exitCode()).isEqualTo(3);
        assertThatThrownBy(() -> sh.run(List.of("ls", "/nonexistent-odoo-dr"), T))
                .isInstanceOfSatisfying(DrException.class, e -> assertThat(e.getMessage()).contains("No such file"));
    }

    @Test
    void aKeyProdDoesNotKnowIsAnSshErrorWithAHint(ProdLab lab) {
        RemoteShell stranger = new RemoteShell(new ProcessRunner(),
                new SshTarget(lab.sshUser(), lab.sshHost(), lab.sshPort(), lab.superuserPasswordFile(), lab.knownHosts()));
        assertThatThrownBy(() -> stranger.run(List.of("true"), T)).isInstanceOfSatisfying(DrException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.SSH);
            assertThat(e.hint()).contains("not authorised");
        });
    }
}
