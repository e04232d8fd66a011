package odoodr.preflight;

import odoodr.runbook.Check;
import odoodr.postgres.PrimarySession;
import odoodr.runbook.SetupContext;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Free walsenders on prod (runbook A3.1: max_wal_senders ≥ existing senders + 1). Every row of pg_stat_replication
 * holds one (standbys, running base backups, logical consumers); this replica's own, recognised by its
 * application_name, is not counted since setup replaces it. pg_basebackup -Xs needs two at once.
 */
final class WalSendersCheck extends PreflightCheck {
    static final String ID = "wal-senders";
    private final ProdDatabase db;

    WalSendersCheck(Findings findings, ProdDatabase db) {
        super(findings, ID, "free walsenders on prod", ProdPostgresCheck.ID);
        this.db = db;
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        PrimarySession s = db.session(ctx);
        String ours = ctx.config().applicationName();
        int max = s.intSetting("max_wal_senders");
        List<Map<String, String>> senders = Sql.rows(s,
                "SELECT coalesce(application_name, '') AS app, coalesce(host(client_addr), 'local') AS addr, state"
                        + " FROM pg_stat_replication ORDER BY pid");
        List<String> others = senders.stream().filter(r -> !Objects.equals(r.get("app"), ours))
                .map(r -> (r.get("app").isEmpty() ? "(no name)" : r.get("app")) + " from " + r.get("addr")
                        + " " + r.get("state"))
                .toList();
        ReplicationCapacity c = ReplicationCapacity.walSenders(max, others.size());
        String inUse = others.isEmpty() ? "none in use by others" : others.size() + " in use by others: "
                + String.join(", ", others);
        if (c.sufficient()) {
            return Check.satisfied("max_wal_senders " + max + ", " + inUse + "; " + c.free() + " free, "
                    + c.needed() + " needed");
        }
        return Check.blocked("max_wal_senders is " + max + " on prod, " + inUse + ": " + c.free() + " free, but "
                        + c.needed() + " needed (pg_basebackup -Xs streams WAL on a second connection)",
                "set max_wal_senders = " + Math.max(c.minimumLimit(), 10) + " in prod's postgresql.conf and restart"
                        + " prod's PostgreSQL (a reload is not enough)");
    }
}
