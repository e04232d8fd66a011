package odoodr.setup;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;
import odoodr.runbook.Step;
import odoodr.ssh.HostKeyFingerprint;
import odoodr.ssh.HostKeys;
import odoodr.ssh.ServiceKey;
import odoodr.ssh.ServiceKeyRole;


/**
 * Runbook A2.1 and B2: one role's ed25519 key for its service user ({@link ServiceKeyRole}), generated once, and
 * prod's host key pinned in that user's known_hosts — copied from the operator's own known_hosts, which preflight's
 * connection already pinned, so the service never trusts a host key on first use by itself.
 */
public final class EnsureServiceKeyStep implements Step<SetupContext> {
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

    /**
     * Read-only: satisfied when the key pair exists and the user pins prod's host key as the operator's verified
     * access does (preflight checked that one); a pin of another key is refused, never silently replaced.
     */
    @Override
    public Check check(SetupContext ctx) {
        ServiceKey key = role.key(ctx.config());
        boolean exists = key.exists();
        HostKeys.Pinned service = HostKeys.pinned(ctx.runner(), key.knownHosts(), ServiceKey.hostPattern(ctx.config()));
        if (!service.isEmpty()) {
            HostKeys.Pinned verified = HostKeys.operatorPin(ctx.runner(), ctx.prod().target());
            if (!service.agreesWith(verified)) {
                return Check.blocked(HostKeys.serviceMismatch(role.user().name(), service, verified));
            }
            if (exists) {
                return Check.satisfied(key.privateKey() + ", prod's host key "
                        + HostKeyFingerprint.list(service.fingerprints()) + " pinned, as your verified access pins it");
            }
        }
        java.util.List<String> todo = new java.util.ArrayList<>();
        if (!exists) {
            todo.add("generate " + key.privateKey() + " (ed25519, comment " + key.comment() + ")");
        }
        if (service.isEmpty()) {
            todo.add("pin prod's host key in " + key.knownHosts() + " as your verified access pins it");
        }
        return Check.needed(String.join("; ", todo));
    }

    @Override
    public void apply(SetupContext ctx) {
        ServiceKey key = role.key(ctx.config());
        key.generate(ctx.runner());
        if (HostKeys.pinned(ctx.runner(), key.knownHosts(), ServiceKey.hostPattern(ctx.config())).isEmpty()) {
            key.pin(operatorHostKeyLines(ctx));
        }
    }

    /** The host key lines the operator's access trusts, which preflight showed and checked against the config. */
    private static String operatorHostKeyLines(SetupContext ctx) {
        HostKeys.Pinned verified = HostKeys.operatorPin(ctx.runner(), ctx.prod().target());
        if (verified.isEmpty()) {
            throw new DrException(ExitCode.SSH, "prod's host key is not in " + verified.file(),
                    "connect once with ssh " + ctx.prod().target().destination() + " and check the fingerprint with "
                            + HostKeys.VERIFY_ON_PROD + " on prod's console");
        }
        return verified.lines();
    }
}
