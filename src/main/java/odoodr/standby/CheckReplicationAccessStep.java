package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.postgres.ReplicationCredentials;
import odoodr.postgres.ReplicationConnection;
import odoodr.postgres.PrimarySession;
import odoodr.DrException;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

/**
 * Runbook A3.2 "Verify replication-protocol auth": IDENTIFY_SYSTEM as the replication role through the tunnel.
 * When pg_hba.conf refuses, the hint names the address prod sees us as (often the docker bridge gateway,
 * gotcha 11) and the exact line to add. odoo-dr never edits prod's pg_hba.conf itself: it lives in the container.
 */
public final class CheckReplicationAccessStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "replication-access";
    }

    @Override
    public String title() {
        return "replication connection allowed by prod's pg_hba.conf";
    }

    @Override
    public Check check(SetupContext ctx) {
        if (ReplicationCredentials.find(ctx.config()).isEmpty()) {
            return Check.needed("IDENTIFY_SYSTEM as " + ctx.config().postgres().replicationUser() + " once its role exists");
        }
        try {
            var id = ReplicationConnection.identifySystem(ctx.config());
            return Check.satisfied("IDENTIFY_SYSTEM: system " + id.systemId() + ", timeline " + id.timeline());
        } catch (DrException e) {
            if (!ReplicationConnection.isPgHbaRefusal(e)) {
                throw e;
            }
            String address;
            try (PrimarySession s = ctx.superuserSession("postgres")) {
                address = s.queryValue("SELECT host(inet_client_addr())").orElse("<address>");
            }
            return Check.blocked("prod's pg_hba.conf refuses replication connections of "
                            + ctx.config().postgres().replicationUser() + " from " + address + " (the address prod sees the tunnel as)",
                    "add to prod's pg_hba.conf: host replication " + ctx.config().postgres().replicationUser() + " " + address
                            + "/32 scram-sha-256 ; then on prod: SELECT pg_reload_conf(); and run setup again");
        }
    }

    @Override
    public void apply(SetupContext ctx) {
        // Nothing to do here: the role step creates what this step proves. Reaching apply means the role is missing.
    }
}
