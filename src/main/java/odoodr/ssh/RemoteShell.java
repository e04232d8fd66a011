package odoodr.ssh;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;
import odoodr.process.ShellQuote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs programs on prod over OpenSSH. The remote side gets one command string that its login shell parses, so each
 * argument is single-quoted ({@link ShellQuote}): what the remote program receives is byte for byte the argv given
 * here, whatever quotes, {@code $()}, backticks, semicolons or newlines it holds.
 */
public final class RemoteShell {
    /** ssh's own exit code for "could not connect / authenticate"; remote programs' codes pass through unchanged. */
    public static final int SSH_CONNECTION_FAILED = 255;

    private final ProcessRunner runner;
    private final SshTarget target;

    public RemoteShell(ProcessRunner runner, SshTarget target) {
        this.runner = runner;
        this.target = target;
    }

    public SshTarget target() {
        return target;
    }

    /** The local ssh argv that runs {@code remoteArgv} on prod. */
    public List<String> sshArgv(List<String> remoteArgv) {
        List<String> argv = new ArrayList<>();
        argv.add("ssh");
        argv.add("-T");
        argv.addAll(target.sshOptions());
        argv.add("--");
        argv.add(target.destination());
        argv.add(ShellQuote.join(remoteArgv));
        return argv;
    }

    /** A command ready to customise (stdin, secrets, allowed codes) before {@link #run(Command)}. */
    public Command.Builder command(List<String> remoteArgv, Duration timeout) {
        return Command.of(sshArgv(remoteArgv)).timeout(timeout).subject("ssh " + target.host());
    }

    /** Runs on prod; a remote exit code outside the allowed set throws. */
    public ProcessResult run(List<String> remoteArgv, Duration timeout) {
        return run(command(remoteArgv, timeout).build());
    }

    /** Runs on prod as root through passwordless sudo ({@code sudo -n}: fails instead of asking for a password). */
    public ProcessResult sudo(List<String> remoteArgv, Duration timeout) {
        List<String> argv = new ArrayList<>(List.of("sudo", "-n", "--"));
        argv.addAll(remoteArgv);
        return run(argv, timeout);
    }

    public ProcessResult run(Command cmd) {
        ProcessResult result = runner.runAllowingFailure(cmd);
        if (result.exitCode() == SSH_CONNECTION_FAILED) {
            throw connectionFailure(result.stderr());
        }
        return ProcessRunner.requireAllowedExit(cmd, result);
    }

    /** Turns ssh's own complaint into one message and a hint that says what to fix. */
    DrException connectionFailure(String stderr) {
        String why = stderr.strip().lines().reduce((a, b) -> b).orElse("no message from ssh");
        String lower = stderr.toLowerCase(Locale.ROOT);
        String hint;
        if (lower.contains("permission denied")) {
            hint = "the key is not authorised for " + target.user() + " on " + target.host()
                    + " (check prod.ssh.user / prod.ssh.identity_file, and ~" + target.user() + "/.ssh/authorized_keys on prod)";
        } else if (lower.contains("host key verification failed") || lower.contains("remote host identification has changed")) {
            return HostKeys.changed(runner, target, why);
        } else if (lower.contains("could not resolve")) {
            hint = "check prod.ssh.host in the config (DNS name or address)";
        } else {
            hint = "check that " + target.host() + " is up and that port " + target.port() + " is reachable from here (ssh -p "
                    + target.port() + " " + target.destination() + ")";
        }
        return new DrException(ExitCode.SSH, "ssh to " + target + " failed: " + why, hint);
    }
}
