package odoodr.prod;

import java.util.Objects;

/**
 * A container port published on the host, e.g. {@code 127.0.0.1:5432->5432/tcp}.
 *
 * @param containerPort the port inside the container
 * @param protocol      "tcp", "udp" or "sctp"
 * @param hostIp        the host address Docker listens on: "127.0.0.1", "0.0.0.0", "::", or "" (all interfaces,
 *                      as written in {@code HostConfig.PortBindings} when no address was given)
 * @param hostPort      the port on the host
 */
public record PortBinding(int containerPort, String protocol, String hostIp, int hostPort) {
    public PortBinding {
        protocol = Objects.requireNonNullElse(protocol, "tcp");
        hostIp = Objects.requireNonNullElse(hostIp, "");
    }

    /** Listening on every interface: "0.0.0.0", "::" or unspecified (""). */
    public boolean isAllInterfaces() {
        return hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::") || hostIp.equals("[::]");
    }

    /** True when a connection to {@code 127.0.0.1:hostPort} on the host reaches this binding (IPv4 loopback). */
    public boolean isReachableOnIpv4Loopback() {
        return hostIp.equals("127.0.0.1") || hostIp.equals("0.0.0.0") || hostIp.isEmpty();
    }

    public boolean isIpv6() {
        return hostIp.contains(":");
    }

    @Override
    public String toString() {
        String ip = isIpv6() ? "[" + hostIp + "]" : hostIp;
        return ip + ":" + hostPort + "->" + containerPort + "/" + protocol;
    }
}
