package odoodr.preflight;

import odoodr.process.ProcessResult;
import odoodr.runbook.Check;
import odoodr.ssh.SshTarget;
import odoodr.runbook.SetupContext;

import java.time.Duration;
import java.util.List;

/**
 * The operator's access to prod works without a human: ssh in batch mode (no password or passphrase prompt, no host
 * key question). ssh's own failure (exit 255) becomes an SSH error with a hint saying what to fix.
 */
final class SshReachableCheck extends PreflightCheck {
    static final String ID = "ssh-reachable";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    SshReachableCheck(Findings findings) {
        super(findings, ID, "SSH to prod in batch mode");
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        SshTarget target = ctx.prod().target();
        ProcessResult r = ctx.prod().run(List.of("uname", "-n"), TIMEOUT);
        String key = target.identityFile() == null ? "ssh's default keys" : "key " + target.identityFile();
        return Check.satisfied(target + " with " + key + ", no prompt (prod calls itself "
                + r.stdoutTrimmed() + ")");
    }
}
