package odoodr.prod;

import java.util.Objects;
import java.util.Optional;

/**
 * A network the container is attached to ({@code NetworkSettings.Networks.<name>}).
 * <p>
 * The gateway matters for pg_hba.conf (runbook gotcha 11): a connection that reaches a bridged PostgreSQL container
 * through a published port arrives from the bridge's gateway address (e.g. 172.18.0.1), not from 127.0.0.1.
 *
 * @param name         the Docker network name, e.g. "odoo_default" or "bridge"
 * @param ipAddress    the container's IPv4 address on it; empty when stopped or on the host network
 * @param prefixLength the IPv4 prefix length (16 for Docker's default bridges); 0 when unknown
 * @param gateway      the bridge's gateway address; empty when stopped or on the host network
 */
public record NetworkAttachment(String name, String ipAddress, int prefixLength, String gateway) {
    public NetworkAttachment {
        name = Objects.requireNonNullElse(name, "");
        ipAddress = Objects.requireNonNullElse(ipAddress, "");
        gateway = Objects.requireNonNullElse(gateway, "");
    }

    public Optional<String> gatewayAddress() {
        return gateway.isEmpty() ? Optional.empty() : Optional.of(gateway);
    }

    /**
     * The network's IPv4 subnet in CIDR form, e.g. "172.18.0.0/16", derived from the container address and prefix:
     * the range a pg_hba.conf line must admit. Empty when the container has no IPv4 address here.
     */
    public Optional<String> subnet() {
        if (prefixLength <= 0 || prefixLength > 32) {
            return Optional.empty();
        }
        String[] parts = ipAddress.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long address = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (octet < 0 || octet > 255) {
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        long mask = (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
        long network = address & mask;
        return Optional.of((network >> 24 & 255) + "." + (network >> 16 & 255) + "." + (network >> 8 & 255) + "."
                + (network & 255) + "/" + prefixLength);
    }
}
