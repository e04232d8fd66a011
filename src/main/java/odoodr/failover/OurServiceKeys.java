package odoodr.failover;

import odoodr.config.Config;
import odoodr.filestore.FilestoreKey;
import odoodr.standby.ServiceKey;
import odoodr.standby.ServiceUser;
import odoodr.standby.Tunnel;

import java.util.List;

/** The SSH identities setup gives this replica's service users: the tunnel's (postgres) and the filestore's (odoo). */
final class OurServiceKeys {
    private OurServiceKeys() {
    }

    static List<ServiceKey> of(Config c) {
        return List.of(new ServiceKey(ServiceUser.POSTGRES, Tunnel.privateKey(c), Tunnel.keyComment(c)),
                FilestoreKey.key(c));
    }
}
