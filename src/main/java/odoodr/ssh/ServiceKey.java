package odoodr.ssh;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.host.AtomicFile;
import odoodr.host.ServiceUser;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One purpose's SSH identity of a service user ({@link ServiceKeyRole}): an ed25519 key generated once, and prod's
 * host key pinned in that user's known_hosts. Only the mechanics live here; which host key lines to pin (the
 * operator's, never trusted on first use by the service) is the setup step's decision.
 */
public record ServiceKey(ServiceUser user, Path privateKey, String comment) {
    private static final Duration QUICK = Duration.ofSeconds(20);

    public Path publicKey() {
        return Path.of(privateKey + ".pub");
    }

    public Path knownHosts() {
        return knownHostsOf(user);
    }

    /** Where a service user pins prod's host key, shared by all of that user's keys. */
    public static Path knownHostsOf(ServiceUser user) {
        return user.sshDirectory().resolve("known_hosts");
    }

    /** Both halves of the key pair are there. */
    public boolean exists() {
        return Files.exists(privateKey) && Files.exists(publicKey());
    }

    /** The public key file as ssh-keygen wrote it, for the key's line in prod's authorized_keys. */
    public String readPublicKey() {
        try {
            // never through a link: root would copy whatever file it points to into prod's authorized_keys
            return AtomicFile.readIfExists(publicKey()).map(b -> new String(b, StandardCharsets.UTF_8))
                    .orElseThrow(() -> new NoSuchFileException(publicKey().toString()));
        } catch (IOException e) {
            throw new DrException(ExitCode.SSH, "cannot read " + publicKey() + ": " + e.getMessage(), null, e);
        }
    }

    /** Creates ~/.ssh and generates the key as the user when it is missing. */
    public void generate(ProcessRunner runner) {
        user.ensureSshDirectory();
        if (!Files.exists(privateKey)) {
            runner.run(Command.of(user.as(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                    "-C", comment, "-f", privateKey.toString()))).timeout(QUICK).build());
        }
    }

    /** True when this user's known_hosts has a key for {@code hostPattern}. */
    public boolean hostPinned(ProcessRunner runner, String hostPattern) {
        return Files.exists(knownHosts()) && !pinnedLines(runner, knownHosts(), hostPattern).isEmpty();
    }

    /** Appends the host key lines; the file ends up 0600 and owned by the user whoever created it before. */
    public void pin(String lines) {
        Path file = knownHosts();
        try {
            String existing = AtomicFile.readIfExists(file).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
            String content = existing.isEmpty() || existing.endsWith("\n") ? existing + lines : existing + "\n" + lines;
            AtomicFile.write(file, content.getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_READ_WRITE,
                    ServiceUser.runningAsRoot() ? Optional.of(user.name()) : Optional.empty());
        } catch (IOException e) {
            throw new DrException(ExitCode.SSH, "cannot write " + file + ": " + e.getMessage(), null, e);
        }
    }

    /** How known_hosts names prod: {@code host}, or {@code [host]:port} off port 22. */
    public static String hostPattern(Config config) {
        var ssh = config.prod().ssh();
        return new SshTarget(ssh.user(), ssh.host(), ssh.port(), null, null).hostPattern();
    }

    /** The lines of {@code knownHosts} for {@code hostPattern} (ssh-keygen -F understands hashed entries). */
    public static String pinnedLines(ProcessRunner runner, Path knownHosts, String hostPattern) {
        return runner.run(Command.of("ssh-keygen", "-F", hostPattern, "-f", knownHosts.toString())
                        .allowExitCodes(1).timeout(QUICK).build()).stdout().lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .reduce("", (a, b) -> a + b + "\n");
    }
}
