package odoodr.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What two configs protecting different prods from one replica host must not share (one config per prod in
 * {@code /etc/odoo-dr/}): each standby needs its own cluster, ports, mirror and archive, and each replica.name its own
 * keys and sync state (they are named after it), tunnel_port its own tunnel socket, lock and log. A shared one would
 * let the second setup overwrite the first replica, or a decommission of one tear down the other.
 */
public final class NeighbourCollisions {
    private NeighbourCollisions() {
    }

    /** One shared resource: the key in {@code mine} and what it collides with in the neighbour. */
    public record Collision(String key, String value, String neighbourKey) {
        public String describe() {
            return key + " " + value + (neighbourKey.equals(key) ? "" : " (its " + neighbourKey + ")");
        }
    }

    /** Everything {@code mine} shares with {@code other}, in file order of mine's keys; empty when none. */
    public static List<Collision> between(Config mine, Config other) {
        List<Collision> out = new ArrayList<>();
        if (mine.replica().name().equals(other.replica().name())) {
            out.add(new Collision(ConfigKeys.REPLICA_NAME, mine.replica().name(), ConfigKeys.REPLICA_NAME));
        }
        if (mine.replica().tunnelPort() == other.replica().tunnelPort()) {
            out.add(new Collision(ConfigKeys.REPLICA_TUNNEL_PORT, String.valueOf(mine.replica().tunnelPort()),
                    ConfigKeys.REPLICA_TUNNEL_PORT));
        }
        if (mine.postgres().major() == other.postgres().major()
                && mine.postgres().cluster().equals(other.postgres().cluster())) {
            out.add(new Collision(ConfigKeys.POSTGRES_CLUSTER, mine.postgres().major() + "/"
                    + mine.postgres().cluster(), ConfigKeys.POSTGRES_CLUSTER));
        }
        // the standby's port and the agent's port are both TCP ports of this host: any pairing collides
        portCollision(out, ConfigKeys.POSTGRES_PORT, mine.postgres().port(), other);
        HostPort listen = mine.agent().listen();
        if (listensOnSamePort(listen, other.agent().listen())) {
            out.add(new Collision(ConfigKeys.AGENT_LISTEN, listen.toString(), ConfigKeys.AGENT_LISTEN));
        } else if (listen.port() == other.postgres().port()) {
            out.add(new Collision(ConfigKeys.AGENT_LISTEN, listen.toString(), ConfigKeys.POSTGRES_PORT));
        }
        if (mine.prod().filestorePath().isPresent() && other.prod().filestorePath().isPresent()
                && nested(mine.filestore().localBase(), other.filestore().localBase())) {
            out.add(new Collision(ConfigKeys.FILESTORE_LOCAL_BASE, mine.filestore().localBase().toString(),
                    ConfigKeys.FILESTORE_LOCAL_BASE));
        }
        if (mine.archive().enabled() && other.archive().enabled()
                && nested(mine.archiveDirectory(), other.archiveDirectory())) {
            out.add(new Collision(ConfigKeys.ARCHIVE_DIRECTORY, mine.archiveDirectory().toString(),
                    ConfigKeys.ARCHIVE_DIRECTORY));
        }
        return List.copyOf(out);
    }

    private static void portCollision(List<Collision> out, String key, int port, Config other) {
        if (port == other.postgres().port()) {
            out.add(new Collision(key, String.valueOf(port), ConfigKeys.POSTGRES_PORT));
        } else if (port == other.agent().listen().port()) {
            out.add(new Collision(key, String.valueOf(port), ConfigKeys.AGENT_LISTEN));
        }
    }

    /** Same port and addresses that overlap: equal, or either one all addresses (0.0.0.0, ::). */
    private static boolean listensOnSamePort(HostPort a, HostPort b) {
        return a.port() == b.port() && (a.host().equals(b.host()) || wildcard(a.host()) || wildcard(b.host()));
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
    }

    /** Equal, or one inside the other: a mirror in another mirror is as shared as the same one. */
    static boolean nested(Path a, Path b) {
        Path x = a.normalize();
        Path y = b.normalize();
        return x.startsWith(y) || y.startsWith(x);
    }
}
