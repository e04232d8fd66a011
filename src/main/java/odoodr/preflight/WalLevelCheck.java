package odoodr.preflight;

import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;

import java.util.Set;

/** wal_level on prod is replica or logical (runbook A3.1): minimal writes too little WAL for a standby. */
final class WalLevelCheck extends PreflightCheck {
    static final String ID = "wal-level";
    private static final Set<String> ENOUGH = Set.of("replica", "logical");
    private final ProdDatabase db;

    WalLevelCheck(Findings findings, ProdDatabase db) {
        super(findings, ID, "prod's wal_level", ProdPostgresCheck.ID);
        this.db = db;
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        String level = db.session(ctx).setting("wal_level");
        if (ENOUGH.contains(level)) {
            return Check.satisfied("wal_level = " + level);
        }
        return Check.blocked("wal_level is " + level + " on prod: a standby needs replica (or logical)",
                "set wal_level = replica in prod's postgresql.conf (and max_wal_senders >= "
                        + ReplicationCapacity.SENDERS_NEEDED + "), then restart prod's PostgreSQL: a reload is not enough");
    }
}
