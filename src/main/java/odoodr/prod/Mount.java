package odoodr.prod;

import java.util.Objects;

/**
 * One entry of {@code docker inspect}'s {@code Mounts}: where a container path comes from on the host.
 *
 * @param type        "volume", "bind", "tmpfs", ... (empty on Docker before 17.06, which did not report it)
 * @param name        the volume name; empty for binds and tmpfs
 * @param source      the host path ({@code /var/lib/docker/volumes/<name>/_data} for local volumes); empty for tmpfs
 * @param destination the path inside the container
 * @param rw          false when mounted read-only
 */
public record Mount(String type, String name, String source, String destination, boolean rw) {
    public Mount {
        type = Objects.requireNonNullElse(type, "");
        name = Objects.requireNonNullElse(name, "");
        source = Objects.requireNonNullElse(source, "");
        destination = Objects.requireNonNullElse(destination, "");
    }

    /** True when the content lives in a host directory we can read: a volume or a bind mount with a source path. */
    public boolean hasHostDirectory() {
        boolean hostBacked = type.isEmpty() || type.equals("volume") || type.equals("bind");
        return hostBacked && source.startsWith("/");
    }
}
