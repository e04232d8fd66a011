package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.host.AtomicFile;
import odoodr.postgres.DebianCluster;
import odoodr.process.ProcessRunner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

/** The restored copies on this host: the Debian clusters named {@code odoodr_restore_*}, and the ports in use. */
public final class RestoredCopies {
    static final int FIRST_PORT = 5433;
    private static final int PORTS_TRIED = 200;

    private final ProcessRunner runner;

    public RestoredCopies(ProcessRunner runner) {
        this.runner = runner;
    }

    public List<RestoredCopy> list() {
        return DebianCluster.all(runner).stream()
                .flatMap(c -> RestoreName.ofCluster(c.name()).flatMap(n -> describe(c, n)).stream())
                .toList();
    }

    /** The copy named {@code name}, if it exists (of any major). */
    public Optional<RestoredCopy> find(RestoreName name) {
        return list().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The cluster of copy {@code name}, when it exists. */
    public Optional<DebianCluster> cluster(RestoreName name) {
        return DebianCluster.all(runner).stream().filter(c -> c.name().equals(name.cluster())).findFirst();
    }

    /** {@code restore --drop}: stops and removes copy {@code name}; only ever an {@code odoodr_restore_*} cluster. */
    public RestoredCopy drop(RestoreName name) {
        RestoredCopy copy = find(name).orElseThrow(() -> new DrException(ExitCode.RESTORE, "restore --drop: there is"
                + " no restored copy named " + name + " (no cluster " + name.cluster() + ")",
                "odoo-dr restore --list shows the copies"));
        new RestoredCluster(runner, cluster(name).orElseThrow()).drop();
        return copy;
    }

    private Optional<RestoredCopy> describe(DebianCluster c, RestoreName name) {
        return c.status().map(s -> new RestoredCopy(name, c.label(), s.port(), s.online(), record(c)));
    }

    private static Optional<RestoredCopy.Record> record(DebianCluster c) {
        try {
            return AtomicFile.readIfExists(c.configDirectory().resolve(RestoredCopy.RECORD_FILE))
                    .map(RestoredCopy.Record::parse);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The port for a new copy: {@code wanted}, refused when in use; else the first free one from 5433. */
    public int choosePort(Optional<Integer> wanted) {
        List<Integer> clusterPorts = DebianCluster.all(runner).stream()
                .flatMap(c -> c.status().stream()).map(DebianCluster.ClusterStatus::port).toList();
        if (wanted.isPresent()) {
            int p = wanted.get();
            if (clusterPorts.contains(p) || !bindable(p)) {
                throw new DrException(ExitCode.RESTORE, "restore refused: port " + p + " is in use"
                        + (clusterPorts.contains(p) ? " by a PostgreSQL cluster (pg_lsclusters)" : " on this host"),
                        "choose another --port, or leave it out: restore then takes a free one");
            }
            return p;
        }
        for (int p = FIRST_PORT; p < FIRST_PORT + PORTS_TRIED; p++) {
            if (!clusterPorts.contains(p) && bindable(p)) {
                return p;
            }
        }
        throw new DrException(ExitCode.RESTORE, "restore refused: no free port from " + FIRST_PORT + " to "
                + (FIRST_PORT + PORTS_TRIED - 1), "give one with --port");
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
