package odoodr.setup;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;
import odoodr.runbook.Step;
import odoodr.ssh.ServiceKey;
import odoodr.ssh.ServiceKeyRole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runbook A2.1 and B2: one role's ed25519 key for its service user ({@link ServiceKeyRole}), generated once, and
 * prod's host key pinned in that user's known_hosts — copied from the operator's own known_hosts, which preflight's
 * connection already pinned, so the service never trusts a host key on first use by itself.
 */
public final class EnsureServiceKeyStep implements Step<SetupContext> {
    private static final Duration QUICK = Duration.ofSeconds(20);

    private final ServiceKeyRole role;

    public EnsureServiceKeyStep(ServiceKeyRole role) {
        this.role = role;
    }

    @Override
    public String id() {
        return role.word() + "-key";
    }

    @Override
    public String title() {
        return role.word() + " key of the " + role.user().name() + " user";
    }

    /** Read-only: satisfied when the key pair exists and prod's host key is pinned. */
    @Override
    public Check check(SetupContext ctx) {
        ServiceKey key = role.key(ctx.config());
        boolean exists = key.exists();
        if (exists && key.hostPinned(ctx.runner(), ServiceKey.hostPattern(ctx.config()))) {
            return Check.satisfied(key.privateKey() + ", prod's host key pinned");
        }
        return Check.needed((exists ? "" : "generate " + key.privateKey() + " (ed25519, comment " + key.comment() + "); ")
                + "pin prod's host key in " + key.knownHosts());
    }

    @Override
    public void apply(SetupContext ctx) {
        ServiceKey key = role.key(ctx.config());
        key.generate(ctx.runner());
        if (!key.hostPinned(ctx.runner(), ServiceKey.hostPattern(ctx.config()))) {
            key.pin(operatorHostKeyLines(ctx));
        }
    }

    /** The host key lines the operator's access trusts, after making sure that access has pinned one. */
    private static String operatorHostKeyLines(SetupContext ctx) {
        ctx.prod().run(List.of("true"), QUICK); // accept-new pins it now if this is the first contact
        Path file = ctx.prod().target().knownHostsFile() != null ? ctx.prod().target().knownHostsFile()
                : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        String lines = ServiceKey.pinnedLines(ctx.runner(), file, ServiceKey.hostPattern(ctx.config()));
        if (lines.isEmpty()) {
            throw new DrException(ExitCode.SSH, "prod's host key is not in " + file,
                    "connect once with ssh " + ctx.prod().target().destination() + " and check the fingerprint");
        }
        return lines;
    }
}
