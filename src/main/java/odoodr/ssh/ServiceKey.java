package odoodr.ssh;

import odoodr.runbook.SetupContext;
import odoodr.host.ServiceUser;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.host.AtomicFile;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.runbook.Check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One purpose's SSH identity of a service user (the tunnel's and the health monitor's for postgres, the filestore's
 * for odoo): an ed25519 key
 * generated once, and prod's host key pinned in that user's known_hosts — copied from the operator's own known_hosts,
 * which preflight's connection already pinned, so the service never trusts a host key on first use by itself.
 */
public record ServiceKey(ServiceUser user, Path privateKey, String comment) {
    private static final Duration QUICK = Duration.ofSeconds(20);

    public Path publicKey() {
        return Path.of(privateKey + ".pub");
    }

    public Path knownHosts() {
        return user.sshDirectory().resolve("known_hosts");
    }

    /** The public key file as ssh-keygen wrote it, for the key's line in prod's authorized_keys. */
    public String readPublicKey() {
        try {
            return Files.readString(publicKey());
        } catch (IOException e) {
            throw new DrException(ExitCode.SSH, "cannot read " + publicKey() + ": " + e.getMessage(), null, e);
        }
    }

    /** Read-only: satisfied when the key pair exists and prod's host key is pinned, else what {@link #ensure} does. */
    public Check check(SetupContext ctx) {
        boolean key = Files.exists(privateKey) && Files.exists(publicKey());
        boolean pinned = key && hostKnown(ctx, knownHosts());
        if (key && pinned) {
            return Check.satisfied(privateKey + ", prod's host key pinned");
        }
        return Check.needed((key ? "" : "generate " + privateKey + " (ed25519, comment " + comment + "); ")
                + "pin prod's host key in " + knownHosts());
    }

    /** Creates ~/.ssh, generates the key as the user when missing, and pins prod's host key. */
    public void ensure(SetupContext ctx) {
        user.ensureSshDirectory(ctx.runner());
        if (!Files.exists(privateKey)) {
            ctx.runner().run(Command.of(user.as(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                            "-C", comment, "-f", privateKey.toString())))
                    .timeout(QUICK).build());
        }
        if (!hostKnown(ctx, knownHosts())) {
            pin(operatorHostKeyLines(ctx));
        }
    }

    /** Appends the host key lines; the file ends up 0600 and owned by the user whoever created it before. */
    private void pin(String lines) {
        Path file = knownHosts();
        try {
            String existing = Files.exists(file) ? Files.readString(file) : "";
            String content = existing.isEmpty() || existing.endsWith("\n") ? existing + lines : existing + "\n" + lines;
            AtomicFile.write(file, content.getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_READ_WRITE,
                    ServiceUser.runningAsRoot() ? Optional.of(user.name()) : Optional.empty());
        } catch (IOException e) {
            throw new DrException(ExitCode.SSH, "cannot write " + file + ": " + e.getMessage(), null, e);
        }
    }

    /** How known_hosts names prod: {@code host}, or {@code [host]:port} off port 22. */
    public static String hostPattern(SetupContext ctx) {
        var ssh = ctx.config().prod().ssh();
        return ssh.port() == 22 ? ssh.host() : "[" + ssh.host() + "]:" + ssh.port();
    }

    private static boolean hostKnown(SetupContext ctx, Path knownHosts) {
        if (!Files.exists(knownHosts)) {
            return false;
        }
        return ctx.runner().run(Command.of("ssh-keygen", "-F", hostPattern(ctx), "-f", knownHosts.toString())
                .allowExitCodes(1).timeout(QUICK).build()).exitCode() == 0;
    }

    /** The host key lines the operator's access trusts, after making sure that access has pinned one. */
    private static String operatorHostKeyLines(SetupContext ctx) {
        ctx.prod().run(List.of("true"), QUICK); // accept-new pins it now if this is the first contact
        Path file = ctx.prod().target().knownHostsFile() != null ? ctx.prod().target().knownHostsFile()
                : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        ProcessResult r = ctx.runner().run(Command.of("ssh-keygen", "-F", hostPattern(ctx), "-f", file.toString())
                .allowExitCodes(1).timeout(QUICK).build());
        String lines = r.stdout().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .reduce("", (a, b) -> a + b + "\n");
        if (lines.isEmpty()) {
            throw new DrException(ExitCode.SSH, "prod's host key is not in " + file,
                    "connect once with ssh " + ctx.prod().target().destination() + " and check the fingerprint");
        }
        return lines;
    }
}
