package odoodr.failover;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.Command;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.ssh.ServiceKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Prod's host key, which setup pinned in the service users' known_hosts (copied from the operator's), is unpinned
 * with {@code ssh-keygen -R} (it understands hashed entries), run as the file's user so the file keeps its owner; the
 * {@code known_hosts.old} copy ssh-keygen leaves behind, which still holds the pin, goes too.
 */
final class RemoveHostKeyPinsStep implements Step<FailoverContext> {
    private static final Duration QUICK = Duration.ofSeconds(20);

    @Override
    public String id() {
        return "host-key-pins";
    }

    @Override
    public String title() {
        return "prod's host key unpinned for postgres and odoo";
    }

    @Override
    public Check check(FailoverContext ctx) {
        String host = ServiceKey.hostPattern(ctx.config());
        List<Path> pinned = pinned(ctx).stream().map(ServiceKey::knownHosts).toList();
        return pinned.isEmpty()
                ? Check.satisfied("no pin for " + host + " in " + String.join(", ", knownHostsFiles(ctx)))
                : Check.needed("ssh-keygen -R " + host + " in " + String.join(", ", pinned.stream().map(Path::toString).toList()));
    }

    @Override
    public void apply(FailoverContext ctx) {
        String host = ServiceKey.hostPattern(ctx.config());
        for (ServiceKey k : pinned(ctx)) {
            ctx.runner().run(Command.of(k.user().as(List.of("ssh-keygen", "-R", host, "-f", k.knownHosts().toString())))
                    .timeout(QUICK).onFailure(ExitCode.FAILOVER, null).build());
            Path old = Path.of(k.knownHosts() + ".old");
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new DrException(ExitCode.FAILOVER, "cannot delete " + old + ": " + e.getMessage(), null, e);
            }
        }
    }

    private static List<String> knownHostsFiles(FailoverContext ctx) {
        return OurServiceKeys.of(ctx.config()).stream().map(k -> k.knownHosts().toString()).distinct().toList();
    }

    /** One key per known_hosts file (the tunnel's and the monitor's share postgres's). */
    private static List<ServiceKey> pinned(FailoverContext ctx) {
        String host = ServiceKey.hostPattern(ctx.config());
        java.util.Set<Path> seen = new java.util.HashSet<>();
        return OurServiceKeys.of(ctx.config()).stream()
                .filter(k -> seen.add(k.knownHosts()))
                .filter(k -> k.hostPinned(ctx.runner(), host))
                .toList();
    }
}
