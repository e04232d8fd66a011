package odoodr.preflight;

import odoodr.runbook.Check;
import odoodr.postgres.PrimarySession;
import odoodr.runbook.SetupContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A free replication slot on prod (runbook A3.1: max_replication_slots ≥ existing slots + 1), not counting this
 * replica's own slot, which setup reuses. A slot of that name held by another standby means two replicas share
 * one name (gotcha 15): reported, since setup cannot tell which one is right.
 */
final class ReplicationSlotsCheck extends PreflightCheck {
    static final String ID = "replication-slots";
    private final ProdDatabase db;

    ReplicationSlotsCheck(Findings findings, ProdDatabase db) {
        super(findings, ID, "free replication slot on prod", ProdPostgresCheck.ID);
        this.db = db;
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        PrimarySession s = db.session(ctx);
        String ourSlot = ctx.config().slotName();
        String ourApp = ctx.config().applicationName();
        int max = s.intSetting("max_replication_slots");
        List<Map<String, String>> slots = Sql.rows(s,
                "SELECT s.slot_name, s.slot_type, s.active::text AS active,"
                        + " (SELECT r.application_name FROM pg_stat_replication r WHERE r.pid = s.active_pid) AS app"
                        + " FROM pg_replication_slots s ORDER BY s.slot_name");
        Optional<Map<String, String>> ours = slots.stream().filter(r -> ourSlot.equals(r.get("slot_name"))).findFirst();
        List<Map<String, String>> others = slots.stream().filter(r -> !ourSlot.equals(r.get("slot_name"))).toList();
        ReplicationCapacity c = ReplicationCapacity.slots(max, others.size());

        if (ours.isPresent() && !"physical".equals(ours.get().get("slot_type"))) {
            return Check.blocked("slot " + ourSlot + " exists on prod but is a " + ours.get().get("slot_type")
                            + " slot: a standby needs a physical one",
                    "if nothing uses it, drop it on prod (SELECT pg_drop_replication_slot('" + ourSlot
                            + "')), or give this replica another replica.name");
        }
        if (!c.sufficient()) {
            List<String> inactive = others.stream().filter(r -> !"true".equals(r.get("active")))
                    .map(r -> r.get("slot_name")).toList();
            return Check.blocked("max_replication_slots is " + max + " on prod and " + others.size()
                            + " slots are taken (" + String.join(", ", others.stream().map(r -> r.get("slot_name")).toList())
                            + "): none free for " + ourSlot,
                    "set max_replication_slots = " + Math.max(c.minimumLimit(), 10) + " in prod's postgresql.conf and"
                            + " restart prod's PostgreSQL" + (inactive.isEmpty() ? "" : "; or drop an unused inactive slot"
                            + " (it keeps prod's WAL forever): SELECT pg_drop_replication_slot('" + inactive.get(0)
                            + "'); inactive: " + String.join(", ", inactive)));
        }
        StringBuilder evidence = new StringBuilder("max_replication_slots " + max + ", " + others.size()
                + " taken by others, " + c.free() + " free");
        ours.ifPresent(slot -> evidence.append("; ").append(describeOurs(ourSlot, ourApp, slot)));
        return Check.satisfied(evidence.toString());
    }

    private static String describeOurs(String slot, String ourApp, Map<String, String> row) {
        if (!"true".equals(row.get("active"))) {
            return "slot " + slot + " already exists (inactive): setup reuses it";
        }
        String app = row.get("app");
        if (ourApp.equals(app)) {
            return "slot " + slot + " is in use by this replica (" + ourApp + ")";
        }
        return "warning: slot " + slot + " is in use by " + (app == null || app.isEmpty() ? "another client" : app)
                + ", not by " + ourApp + ": is another replica configured with the same replica.name?"
                + " One slot per replica (gotcha 15)";
    }
}
