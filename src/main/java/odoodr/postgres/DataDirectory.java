package odoodr.postgres;

import odoodr.host.AtomicFile;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the standby's data directory holds, read offline: the system identifier of its cluster
 * ({@code pg_controldata}) and whether it is set up as a standby. A base backup is always written beside it
 * ({@code <dir>.odoo-dr-partial}) and moved into place only when complete, so an interrupted backup is never
 * mistaken for a cluster.
 */
public final class DataDirectory {
    private final ProcessRunner runner;
    private final DebianCluster cluster;

    public DataDirectory(ProcessRunner runner, DebianCluster cluster) {
        this.runner = runner;
        this.cluster = cluster;
    }

    public Path path() {
        return cluster.dataDirectory();
    }

    public Path partial() {
        return Path.of(path() + ".odoo-dr-partial");
    }

    /** Written by the cluster step: the system id of the empty cluster pg_createcluster made, safe to replace. */
    public Path freshMarker() {
        return cluster.configDirectory().resolve("odoo-dr-fresh-cluster");
    }

    public boolean isEmpty() {
        try (var s = Files.list(path())) {
            return s.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return !Files.exists(path());
        }
    }

    public Optional<String> systemIdentifier() {
        return systemIdentifier(path());
    }

    public Optional<String> systemIdentifier(Path dir) {
        if (!Files.exists(dir.resolve("global/pg_control"))) {
            return Optional.empty();
        }
        var r = runner.run(Command.of(cluster.binDirectory().resolve("pg_controldata").toString(), dir.toString())
                .env("LC_ALL", "C").allowExitCodes(1).timeout(Duration.ofSeconds(30)).build());
        return r.stdout().lines().filter(l -> l.startsWith("Database system identifier:"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
    }

    public boolean isStandby() {
        return Files.exists(path().resolve("standby.signal"));
    }

    /** The cluster pg_createcluster made and nobody used: its system id is the one recorded at creation. */
    public boolean isFreshCluster() {
        String recorded;
        try {
            Optional<byte[]> marker = AtomicFile.readIfExists(freshMarker());
            if (marker.isEmpty()) {
                return false;
            }
            recorded = new String(marker.get(), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            return false;
        }
        return systemIdentifier().map(recorded::equals).orElse(false);
    }
}
