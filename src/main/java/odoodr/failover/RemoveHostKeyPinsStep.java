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
 *
 * <p>The pin is shared: every replica on this host pins prod in the same service users' known_hosts. There is no
 * registry of replicas, but each one has its own key files there ({@code odoo-dr-<role>-<replica>_ed25519}); while
 * another replica's key remains (it may replicate the same prod), the pin is kept and the output says so.
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
        List<String> kept = pinnedAndShared(ctx).stream().map(k -> k.knownHosts() + " (still needed by "
                + String.join(", ", otherReplicaKeys(k.knownHosts().getParent(), ourKeyNames(ctx))) + ")").toList();
        String keeping = kept.isEmpty() ? "" : "; kept the pin for " + host + " in " + String.join(", ", kept)
                + ": when no replica needs it, ssh-keygen -R '" + host + "' -f <file>";
        return pinned.isEmpty()
                ? Check.satisfied("no pin of this replica's alone for " + host + " in "
                        + String.join(", ", knownHostsFiles(ctx)) + keeping)
                : Check.needed("ssh-keygen -R " + host + " in " + String.join(", ", pinned.stream().map(Path::toString).toList())
                        + keeping);
    }

    /** Key files of other replicas in a service user's ~/.ssh: {@code odoo-dr-*_ed25519} that are not ours. */
    static List<String> otherReplicaKeys(Path sshDirectory, java.util.Set<String> ours) {
        try (var files = Files.list(sshDirectory)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("odoo-dr-") && n.endsWith("_ed25519") && !ours.contains(n))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static java.util.Set<String> ourKeyNames(FailoverContext ctx) {
        return OurServiceKeys.of(ctx.config()).stream().map(k -> k.privateKey().getFileName().toString())
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Pinned files that another replica's key still relies on. */
    private static List<ServiceKey> pinnedAndShared(FailoverContext ctx) {
        return pinnedFiles(ctx).stream()
                .filter(k -> !otherReplicaKeys(k.knownHosts().getParent(), ourKeyNames(ctx)).isEmpty()).toList();
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

    /** The pins this step removes: one key per known_hosts file, and none another replica still needs. */
    private static List<ServiceKey> pinned(FailoverContext ctx) {
        List<ServiceKey> shared = pinnedAndShared(ctx);
        return pinnedFiles(ctx).stream().filter(k -> !shared.contains(k)).toList();
    }

    /** One key per known_hosts file that pins prod (the tunnel's and the monitor's share postgres's). */
    private static List<ServiceKey> pinnedFiles(FailoverContext ctx) {
        String host = ServiceKey.hostPattern(ctx.config());
        java.util.Set<Path> seen = new java.util.HashSet<>();
        return OurServiceKeys.of(ctx.config()).stream()
                .filter(k -> seen.add(k.knownHosts()))
                .filter(k -> k.hostPinned(ctx.runner(), host))
                .toList();
    }
}
