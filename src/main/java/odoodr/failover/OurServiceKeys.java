package odoodr.failover;

import odoodr.config.Config;
import odoodr.ssh.ServiceKey;
import odoodr.ssh.ServiceKeyRole;

import java.util.Arrays;
import java.util.List;

/**
 * The SSH identities setup gives this replica's service users: the tunnel's and the health monitor's (postgres) and
 * the filestore's (odoo).
 */
final class OurServiceKeys {
    private OurServiceKeys() {
    }

    static List<ServiceKey> of(Config c) {
        return Arrays.stream(ServiceKeyRole.values()).map(r -> r.key(c)).toList();
    }
}
