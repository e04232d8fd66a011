package odoodr.standby;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

import odoodr.postgres.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runbook A2.1: an ed25519 key for the postgres user, generated once, and prod's host key pinned in that user's
 * known_hosts — copied from the operator's own known_hosts, which preflight's connection already pinned, so the
 * tunnel never trusts a host key on first use by itself.
 */
public final class EnsureTunnelKeyStep implements Step<SetupContext> {
    private static final Duration QUICK = Duration.ofSeconds(20);

    @Override
    public String id() {
        return "tunnel-key";
    }

    @Override
    public String title() {
        return "tunnel key of the postgres user";
    }

    @Override
    public Check check(SetupContext ctx) {
        boolean key = Files.exists(Tunnel.privateKey(ctx.config())) && Files.exists(Tunnel.publicKey(ctx.config()));
        boolean pinned = key && hostKnown(ctx, Tunnel.knownHosts());
        if (key && pinned) {
            return Check.satisfied(Tunnel.privateKey(ctx.config()) + ", prod's host key pinned");
        }
        return Check.needed((key ? "" : "generate " + Tunnel.privateKey(ctx.config()) + " (ed25519, comment "
                + Tunnel.keyComment(ctx.config()) + "); ") + "pin prod's host key in " + Tunnel.knownHosts());
    }

    @Override
    public void apply(SetupContext ctx) {
        ServiceUser pg = ServiceUser.POSTGRES;
        pg.ensureSshDirectory(ctx.runner());
        if (!Files.exists(Tunnel.privateKey(ctx.config()))) {
            ctx.runner().run(Command.of(pg.as(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                            "-C", Tunnel.keyComment(ctx.config()), "-f", Tunnel.privateKey(ctx.config()).toString())))
                    .timeout(QUICK).build());
        }
        if (!hostKnown(ctx, Tunnel.knownHosts())) {
            pin(operatorHostKeyLines(ctx));
        }
    }

    /** Appends the host key lines; the file ends up 0600 and owned by postgres whoever created it before. */
    private static void pin(String lines) {
        Path file = Tunnel.knownHosts();
        try {
            String existing = Files.exists(file) ? Files.readString(file) : "";
            String content = existing.isEmpty() || existing.endsWith("\n") ? existing + lines : existing + "\n" + lines;
            AtomicFile.write(file, content.getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_READ_WRITE,
                    ServiceUser.runningAsRoot() ? Optional.of(ServiceUser.POSTGRES.name()) : Optional.empty());
        } catch (IOException e) {
            throw new DrException(ExitCode.SSH, "cannot write " + file + ": " + e.getMessage(), null, e);
        }
    }

    private static String hostPattern(SetupContext ctx) {
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
        List<String> argv = new ArrayList<>(List.of("ssh-keygen", "-F", hostPattern(ctx), "-f", file.toString()));
        ProcessResult r = ctx.runner().run(Command.of(argv).allowExitCodes(1).timeout(QUICK).build());
        String lines = r.stdout().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .reduce("", (a, b) -> a + b + "\n");
        if (lines.isEmpty()) {
            throw new DrException(ExitCode.SSH, "prod's host key is not in " + file,
                    "connect once with ssh " + ctx.prod().target().destination() + " and check the fingerprint");
        }
        return lines;
    }
}
