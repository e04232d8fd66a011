package odoodr.failover;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.ssh.ServiceKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The key pairs of the tunnel and the health monitor (~postgres/.ssh) and the filestore (~odoo/.ssh), one per replica
 * name, are deleted.
 */
final class RemoveKeyFilesStep implements Step<FailoverContext> {
    @Override
    public String id() {
        return "key-files";
    }

    @Override
    public String title() {
        return "tunnel, monitor and filestore key files removed";
    }

    @Override
    public Check check(FailoverContext ctx) {
        List<Path> present = files(ctx).stream().filter(Files::exists).toList();
        return present.isEmpty()
                ? Check.satisfied("none of " + String.join(", ", files(ctx).stream().map(Path::toString).toList()))
                : Check.needed("delete " + String.join(", ", present.stream().map(Path::toString).toList()));
    }

    @Override
    public void apply(FailoverContext ctx) {
        for (Path f : files(ctx)) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new DrException(ExitCode.FAILOVER, "cannot delete " + f + ": " + e.getMessage(), null, e);
            }
        }
    }

    private static List<Path> files(FailoverContext ctx) {
        return OurServiceKeys.of(ctx.config()).stream()
                .flatMap(k -> java.util.stream.Stream.of(k.privateKey(), k.publicKey())).toList();
    }
}
