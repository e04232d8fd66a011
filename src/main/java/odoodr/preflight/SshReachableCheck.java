package odoodr.preflight;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.ProcessResult;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;
import odoodr.ssh.HostKeyFingerprint;
import odoodr.ssh.HostKeys;
import odoodr.ssh.SshTarget;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The operator's access to prod works without a human: ssh in batch mode (no password or passphrase prompt, no host
 * key question). ssh's own failure (exit 255) becomes an SSH error with a hint saying what to fix.
 *
 * <p>It is also where prod's host key is met first: its fingerprint is shown for the operator to verify on prod's
 * console, and with {@code prod.ssh.host_key_fingerprint} any other key is refused — before the first contact pins
 * it when it is new, and before any later check sends prod's superuser password through this access.
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
        Optional<String> configured = ctx.config().prod().ssh().hostKeyFingerprint();
        boolean firstContact = HostKeys.operatorPin(ctx.runner(), target).isEmpty();
        if (firstContact && configured.isPresent()) {
            requireOffered(ctx, target, configured.get());
        }
        ProcessResult r = ctx.prod().run(List.of("uname", "-n"), TIMEOUT);
        HostKeys.Pinned pin = HostKeys.operatorPin(ctx.runner(), target);
        HostKeys.configuredMismatch(pin, configured).ifPresent(e -> {
            throw e;
        });
        String key = target.identityFile() == null ? "ssh's default keys" : "key " + target.identityFile();
        return Check.satisfied(target + " with " + key + ", no prompt (prod calls itself "
                + r.stdoutTrimmed() + "); " + hostKey(pin, firstContact, configured.isPresent()));
    }

    /** What the operator should read: the fingerprint, whether it was just pinned, and whether the config vouches for it. */
    private static String hostKey(HostKeys.Pinned pin, boolean firstContact, boolean configured) {
        if (pin.isEmpty()) {
            return "prod's host key is not in " + pin.file() + " (ssh found it elsewhere: ~/.ssh/config or "
                    + "/etc/ssh/ssh_known_hosts)";
        }
        String fingerprints = "prod's host key " + HostKeyFingerprint.list(pin.fingerprints());
        if (configured) {
            return fingerprints + " = prod.ssh.host_key_fingerprint";
        }
        return fingerprints + (firstContact ? ", pinned now on first contact in " : ", pinned in ") + pin.file()
                + ": verify it with " + HostKeys.VERIFY_ON_PROD + " on prod's console and set it as"
                + " prod.ssh.host_key_fingerprint";
    }

    /** Before a new key is pinned: prod must offer the configured one, else nothing is contacted or pinned. */
    private static void requireOffered(SetupContext ctx, SshTarget target, String configured) {
        List<HostKeyFingerprint> offered = HostKeys.offered(ctx.runner(), target);
        if (offered.stream().noneMatch(f -> f.sha256().equals(configured))) {
            throw new DrException(ExitCode.SSH, target + " offers host key " + HostKeyFingerprint.list(offered)
                    + ", not prod.ssh.host_key_fingerprint " + configured + " (nothing was pinned)",
                    "run " + HostKeys.VERIFY_ON_PROD + " on prod's console: if it prints " + configured
                            + ", something else answers for prod here; otherwise correct prod.ssh.host_key_fingerprint");
        }
    }
}
