package odoodr.postgres;

import odoodr.host.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A peer login of this host's OS user postgres as some role of a local cluster, with no password: one line at the
 * top of the cluster's pg_hba.conf (the first matching line wins) naming map {@code map}, and the map's line in
 * pg_ident.conf. Both are local files of the cluster (never replicated); earlier lines of the same map are replaced,
 * every other line kept.
 */
public final class PeerMap {
    private PeerMap() {
    }

    public static void write(DebianCluster cluster, String map, String hbaLine, String identLine) throws IOException {
        Path hbaFile = cluster.configDirectory().resolve("pg_hba.conf");
        Path identFile = cluster.configDirectory().resolve("pg_ident.conf");
        StringBuilder newHba = new StringBuilder(hbaLine).append('\n');
        read(hbaFile).lines().filter(l -> !l.contains("map=" + map)).forEach(l -> newHba.append(l).append('\n'));
        StringBuilder newIdent = new StringBuilder();
        read(identFile).lines().filter(l -> !l.startsWith(map + " ")).forEach(l -> newIdent.append(l).append('\n'));
        newIdent.append(identLine).append('\n');
        Optional<String> postgres = Optional.of("postgres");
        var mode = PosixFilePermissions.fromString("rw-r-----"); // as pg_createcluster makes them
        AtomicFile.write(hbaFile, newHba.toString().getBytes(StandardCharsets.UTF_8), mode, postgres);
        AtomicFile.write(identFile, newIdent.toString().getBytes(StandardCharsets.UTF_8), mode, postgres);
    }

    public static String read(Path file) throws IOException {
        return AtomicFile.readIfExists(file).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    }
}
