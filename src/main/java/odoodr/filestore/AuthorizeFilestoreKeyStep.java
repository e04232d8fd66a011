package odoodr.filestore;

import odoodr.ssh.FilestoreKey;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.ssh.AuthorizedKey;
import odoodr.ssh.RemoteAuthorizedKeys;
import odoodr.runbook.SetupContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runbook B2 and gotcha 12, least privilege (DESIGN.md §7): the filestore key is authorised on prod for a read-only
 * rsync of prod.filestore_path under sudo, through rrsync, and nothing else — no shell, no forwarding, no {@code ..},
 * no upload. Satisfied only when the line is there and a real listing through the key works (sudo, rrsync and the
 * pinned host key included).
 */
public final class AuthorizeFilestoreKeyStep implements Step<SetupContext> {
    static final String RRSYNC = "/usr/bin/rrsync";

    @Override
    public String id() {
        return "filestore-key-authorized";
    }

    @Override
    public String title() {
        return "filestore key authorised on prod (read-only rsync)";
    }

    @Override
    public Check check(SetupContext ctx) {
        Path filestore = ctx.config().prod().requireFilestorePath();
        boolean rrsync = ctx.prod().run(ctx.prod().command(List.of("test", "-x", RRSYNC), Duration.ofSeconds(20))
                .allowExitCodes(1).onFailure(ExitCode.SSH, null).build()).exitCode() == 0;
        if (!rrsync) {
            return Check.blocked("prod has no " + RRSYNC + ", which restricts the filestore key to read-only rsync",
                    "install rsync 3.2.4 or newer on prod (Debian 12, Ubuntu 22.04 and later ship " + RRSYNC
                            + "); it needs python3");
        }
        if (!Files.exists(FilestoreKey.key(ctx.config()).publicKey())) {
            return Check.needed("authorise the new filestore key in ~" + ctx.config().prod().ssh().user()
                    + "/.ssh/authorized_keys on prod, restricted to a read-only rsync of " + filestore);
        }
        AuthorizedKey key = key(ctx);
        if (!new RemoteAuthorizedKeys(ctx.prod()).contains(key)) {
            return Check.needed("authorise " + key.comment() + " on prod with: " + key.options());
        }
        try {
            List<String> listed = new FilestoreTransport(ctx.config(), ctx.runner()).listProd();
            return Check.satisfied(key.comment() + ": read-only rsync of " + filestore + " (lists "
                    + String.join(", ", listed) + ")");
        } catch (DrException e) {
            return Check.blocked("the filestore key is authorised but rsync through it fails: " + e.getMessage(),
                    e.hint() != null ? e.hint() : "check sudo for " + ctx.config().prod().ssh().user() + " on prod");
        }
    }

    @Override
    public void apply(SetupContext ctx) {
        new RemoteAuthorizedKeys(ctx.prod()).ensure(key(ctx));
    }

    private static AuthorizedKey key(SetupContext ctx) {
        Path pub = FilestoreKey.key(ctx.config()).publicKey();
        try {
            return FilestoreKey.authorizedKey(ctx.config(), Files.readString(pub));
        } catch (IOException e) {
            throw new DrException(ExitCode.SSH, "cannot read " + pub + ": " + e.getMessage(), null);
        }
    }
}
