package odoodr.setup;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.filestore.FilestoreTransport;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;
import odoodr.runbook.Step;
import odoodr.ssh.AuthorizedKey;
import odoodr.ssh.RemoteAuthorizedKeys;
import odoodr.ssh.ServiceKeyRole;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Least privilege (DESIGN.md §7): one role's key is authorised on prod, through the operator's existing access, for
 * its one purpose and nothing else ({@link ServiceKeyRole}, {@link AuthorizedKey}) — no shell for any of them. A
 * changed restriction (another prod.data_disk_path, say) replaces the line, found by its comment, on the next setup.
 * The filestore key counts as authorised only when a real listing through it works (runbook B2, gotcha 12: sudo,
 * rrsync and the pinned host key included).
 */
public final class AuthorizeServiceKeyStep implements Step<SetupContext> {
    static final String RRSYNC = "/usr/bin/rrsync";

    private final ServiceKeyRole role;

    public AuthorizeServiceKeyStep(ServiceKeyRole role) {
        this.role = role;
    }

    @Override
    public String id() {
        return role.word() + "-key-authorized";
    }

    @Override
    public String title() {
        return role.word() + " key authorised on prod (" + switch (role) {
            case TUNNEL -> "forwarding only";
            case MONITOR -> "df only";
            case FILESTORE -> "read-only rsync";
        } + ")";
    }

    @Override
    public Check check(SetupContext ctx) {
        Optional<Check> missing = role == ServiceKeyRole.FILESTORE ? rrsyncMissing(ctx) : Optional.empty();
        if (missing.isPresent()) {
            return missing.get();
        }
        if (!Files.exists(role.key(ctx.config()).publicKey())) {
            return Check.needed("authorise the new " + role.word() + " key in ~" + ctx.config().prod().ssh().user()
                    + "/.ssh/authorized_keys on prod, restricted to " + restriction(ctx));
        }
        AuthorizedKey key = key(ctx);
        if (!new RemoteAuthorizedKeys(ctx.prod()).contains(key)) {
            return Check.needed("authorise " + key.comment() + " on prod with: " + key.options());
        }
        return switch (role) {
            case TUNNEL -> Check.satisfied(key.comment() + " restricted to 127.0.0.1:" + ctx.config().prod().pgPort());
            case MONITOR -> Check.satisfied(key.comment() + " restricted to " + restriction(ctx));
            case FILESTORE -> listsThroughTheKey(ctx, key);
        };
    }

    @Override
    public void apply(SetupContext ctx) {
        new RemoteAuthorizedKeys(ctx.prod()).ensure(key(ctx));
    }

    private AuthorizedKey key(SetupContext ctx) {
        return role.authorizedKey(ctx.config(), role.key(ctx.config()).readPublicKey());
    }

    /** What the key may do, as the operator reads it. */
    private String restriction(SetupContext ctx) {
        return switch (role) {
            case TUNNEL -> "forwarding to 127.0.0.1:" + ctx.config().prod().pgPort();
            case MONITOR -> "a df of " + ctx.config().prod().dataDiskPath();
            case FILESTORE -> "a read-only rsync of " + ctx.config().prod().requireFilestorePath();
        };
    }

    /** rrsync is what makes the filestore key read-only: without it on prod there is nothing to authorise. */
    private static Optional<Check> rrsyncMissing(SetupContext ctx) {
        boolean rrsync = ctx.prod().run(ctx.prod().command(List.of("test", "-x", RRSYNC), Duration.ofSeconds(20))
                .allowExitCodes(1).onFailure(ExitCode.SSH, null).build()).exitCode() == 0;
        return rrsync ? Optional.empty() : Optional.of(Check.blocked(
                "prod has no " + RRSYNC + ", which restricts the filestore key to read-only rsync",
                "install rsync 3.2.4 or newer on prod (Debian 12, Ubuntu 22.04 and later ship " + RRSYNC
                        + "); it needs python3"));
    }

    private static Check listsThroughTheKey(SetupContext ctx, AuthorizedKey key) {
        try {
            List<String> listed = new FilestoreTransport(ctx.config(), ctx.runner()).listProd();
            return Check.satisfied(key.comment() + ": read-only rsync of " + ctx.config().prod().requireFilestorePath()
                    + " (lists " + String.join(", ", listed) + ")");
        } catch (DrException e) {
            return Check.blocked("the filestore key is authorised but rsync through it fails: " + e.getMessage(),
                    e.hint() != null ? e.hint() : "check sudo for " + ctx.config().prod().ssh().user() + " on prod");
        }
    }
}
