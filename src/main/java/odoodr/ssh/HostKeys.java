package odoodr.ssh;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * prod's host key, the one decision behind every pin (finding 5 of the security issue): the operator's access pins
 * it on first contact and shows its fingerprint to be verified (and, with {@code prod.ssh.host_key_fingerprint},
 * refuses any other); the service users get only that verified key; and a key that changed is refused naming both
 * fingerprints and the {@code ssh-keygen -R} that clears the old pin once the new key is verified.
 */
public final class HostKeys {
    private static final Duration QUICK = Duration.ofSeconds(20);
    /** Where the operator reads prod's real key: its console, not this network. */
    public static final String VERIFY_ON_PROD = "ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub";

    private HostKeys() {
    }

    /** The key lines {@code file} pins for {@code hostPattern}, with their fingerprints (none when no file). */
    public record Pinned(Path file, String hostPattern, String lines, List<HostKeyFingerprint> fingerprints) {
        public boolean isEmpty() {
            return fingerprints.isEmpty();
        }

        public boolean pins(String sha256) {
            return fingerprints.stream().anyMatch(f -> f.sha256().equals(sha256));
        }

        /** Every key pinned here is one {@code verified} pins too (a subset: ssh may have learnt more types there). */
        public boolean agreesWith(Pinned verified) {
            return !isEmpty() && fingerprints.stream().allMatch(f -> verified.pins(f.sha256()));
        }

        /** The {@code ssh-keygen -R} that removes this pin. */
        public String removeCommand() {
            return "ssh-keygen -R '" + hostPattern + "' -f " + file;
        }
    }

    public static Pinned pinned(ProcessRunner runner, Path file, String hostPattern) {
        String lines = Files.exists(file) ? ServiceKey.pinnedLines(runner, file, hostPattern) : "";
        return new Pinned(file, hostPattern, lines, HostKeyFingerprint.of(runner, lines));
    }

    /** What the operator's access pins for prod (its configured known_hosts, else ~/.ssh/known_hosts). */
    public static Pinned operatorPin(ProcessRunner runner, SshTarget operator) {
        return pinned(runner, operator.knownHostsOrDefault(), operator.hostPattern());
    }

    /** The keys prod's sshd offers now, unauthenticated ({@code ssh-keyscan}): for display and comparison only. */
    public static List<HostKeyFingerprint> offered(ProcessRunner runner, SshTarget target) {
        var scan = runner.runAllowingFailure(Command.of("ssh-keyscan", "-T", "10", "-p", Integer.toString(target.port()),
                "--", target.host()).timeout(QUICK).build());
        return HostKeyFingerprint.of(runner, scan.stdout());
    }

    /** The refusal when {@code pin} does not hold the fingerprint the config names. */
    public static Optional<DrException> configuredMismatch(Pinned pin, Optional<String> configured) {
        return configured.filter(fp -> !pin.pins(fp)).map(fp -> new DrException(ExitCode.SSH,
                "prod's host key " + HostKeyFingerprint.list(pin.fingerprints()) + " pinned in " + pin.file()
                        + " is not prod.ssh.host_key_fingerprint " + fp,
                "run " + VERIFY_ON_PROD + " on prod's console: if it prints " + fp + ", something else answered for"
                        + " prod; remove that pin with " + pin.removeCommand() + " and run again; if it prints the"
                        + " pinned key, correct prod.ssh.host_key_fingerprint"));
    }

    /** The refusal when a service user's pin is not the key the operator's access verified. */
    public static DrException serviceMismatch(String user, Pinned service, Pinned verified) {
        return new DrException(ExitCode.SSH,
                "prod's host key changed: " + user + "'s " + service.file() + " pins "
                        + HostKeyFingerprint.list(service.fingerprints()) + ", your verified access ("
                        + verified.file() + ") pins " + HostKeyFingerprint.list(verified.fingerprints()),
                "if prod was really reinstalled and " + VERIFY_ON_PROD + " on its console prints the new key,"
                        + " remove the old pin with " + service.removeCommand() + " and run setup again, which pins"
                        + " the verified key; otherwise stop and investigate");
    }

    /** The refusal for ssh's "Host key verification failed": what prod offers now against what is pinned. */
    public static DrException changed(ProcessRunner runner, SshTarget target, String sshReason) {
        Pinned pin = pinned(runner, target.knownHostsOrDefault(), target.hostPattern());
        return new DrException(ExitCode.SSH,
                "ssh to " + target + " failed: " + sshReason + " prod now offers "
                        + HostKeyFingerprint.list(offered(runner, target)) + "; " + pin.file() + " pins "
                        + HostKeyFingerprint.list(pin.fingerprints()),
                "if prod was really reinstalled, check the new fingerprint with " + VERIFY_ON_PROD
                        + " on prod's console, then remove the old pin with " + pin.removeCommand()
                        + " (and update prod.ssh.host_key_fingerprint); otherwise stop: something else may answer"
                        + " for prod");
    }
}
