package odoodr.failover;

import odoodr.config.Config;
import odoodr.ssh.FilestoreKey;
import odoodr.ssh.MonitorKey;
import odoodr.ssh.ServiceKey;
import odoodr.ssh.Tunnel;

import java.util.List;

/**
 * The SSH identities setup gives this replica's service users: the tunnel's and the health monitor's (postgres) and
 * the filestore's (odoo).
 */
final class OurServiceKeys {
    private OurServiceKeys() {
    }

    static List<ServiceKey> of(Config c) {
        return List.of(Tunnel.key(c), MonitorKey.key(c), FilestoreKey.key(c));
    }
}
