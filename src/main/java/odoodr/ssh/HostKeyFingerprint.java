package odoodr.ssh;

import odoodr.process.Command;
import odoodr.process.ProcessRunner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host key's SHA256 fingerprint and type, as {@code ssh-keygen -l} prints them ({@code SHA256:… (ED25519)}): the
 * form the operator compares with what prod's console shows, and the form {@code prod.ssh.host_key_fingerprint}
 * takes.
 */
public record HostKeyFingerprint(String sha256, String type) {
    private static final Duration QUICK = Duration.ofSeconds(20);
    /** {@code 256 SHA256:<43 base64> <host or comment> (ED25519)}. */
    private static final Pattern LINE = Pattern.compile("^\\d+ (SHA256:[A-Za-z0-9+/]{43}) .*\\(([A-Za-z0-9-]+)\\)\\s*$");

    /** Every fingerprint line of {@code ssh-keygen -l} output, in order; anything else is skipped. */
    public static List<HostKeyFingerprint> parse(String keygenOutput) {
        return keygenOutput.lines().map(LINE::matcher).filter(Matcher::matches)
                .map(m -> new HostKeyFingerprint(m.group(1), m.group(2))).toList();
    }

    /** Fingerprints of known_hosts-style lines ({@code host keytype base64}, hashed hosts included). */
    public static List<HostKeyFingerprint> of(ProcessRunner runner, String keyLines) {
        if (keyLines.isBlank()) {
            return List.of();
        }
        return parse(runner.run(Command.of("ssh-keygen", "-l", "-E", "sha256", "-f", "-")
                .stdin(keyLines.getBytes(StandardCharsets.UTF_8)).allowExitCodes(1).timeout(QUICK).build()).stdout());
    }

    /** "SHA256:… (ED25519), SHA256:… (RSA)", or "none". */
    public static String list(List<HostKeyFingerprint> fingerprints) {
        return fingerprints.isEmpty() ? "none"
                : String.join(", ", fingerprints.stream().map(HostKeyFingerprint::toString).toList());
    }

    @Override
    public String toString() {
        return sha256 + " (" + type + ")";
    }
}
