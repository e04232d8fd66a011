package odoodr.preflight;

import odoodr.DrException;
import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.config.NeighbourCollisions;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Several prods protected from one replica host: one config per prod, side by side in one directory
 * ({@code /etc/odoo-dr/<name>.yaml}). This config must share no cluster, port, mirror, archive, replica.name or
 * tunnel_port with any other config there ({@link NeighbourCollisions}); the other configs are only read. A neighbour
 * that does not load is named in the evidence, not a blocker: it cannot be set up either, and this one's safety does
 * not depend on it — but the operator should know its collisions were not checked.
 */
final class NeighbourConfigsCheck extends PreflightCheck {
    static final String ID = "replica-neighbours";

    NeighbourConfigsCheck(Findings findings) {
        super(findings, ID, "other prods' configs on this host");
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        Config mine = ctx.config();
        Path self = ctx.configPath().toAbsolutePath().normalize();
        Path directory = self.getParent();
        if (directory == null || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return Check.satisfied("no config directory to look in");
        }
        TreeMap<Path, Config> neighbours = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{yaml,yml}")) {
            for (Path file : files) {
                if (file.toAbsolutePath().normalize().equals(self) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    neighbours.put(file, ConfigLoader.load(file));
                } catch (DrException e) {
                    unreadable.add(file.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return Check.satisfied("cannot list " + directory + " (" + e.getMessage() + "): other configs not compared");
        }
        List<String> clashes = new ArrayList<>();
        neighbours.forEach((file, other) -> {
            List<NeighbourCollisions.Collision> found = NeighbourCollisions.between(mine, other);
            if (!found.isEmpty()) {
                clashes.add(file + " shares " + String.join(", ", found.stream()
                        .map(NeighbourCollisions.Collision::describe).toList()));
            }
        });
        if (!clashes.isEmpty()) {
            return Check.blocked("this config collides with another prod's config on this host: "
                            + String.join("; ", clashes),
                    "give each prod's config its own replica.name, replica.tunnel_port, postgres.cluster, "
                            + "postgres.port, agent.listen port, filestore.local_base and archive.directory");
        }
        String compared = neighbours.isEmpty() ? "no other config in " + directory
                : neighbours.size() + " other config(s) in " + directory + ", nothing shared";
        return Check.satisfied(compared + (unreadable.isEmpty() ? ""
                : "; not compared (they do not load): " + String.join(", ", unreadable)));
    }
}
