package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.postgres.PrimarySession;
import odoodr.runbook.Check;
import odoodr.runbook.Step;

import java.util.Optional;

/** Runbook A3.2: this replica's own physical slot on prod, created only if missing (one slot per replica, gotcha 15). */
public final class EnsureReplicationSlotStep implements Step<SetupContext> {
    @Override
    public String id() {
        return "replication-slot";
    }

    @Override
    public String title() {
        return "replication slot on prod";
    }

    @Override
    public Check check(SetupContext ctx) {
        String slot = ctx.config().slotName();
        try (PrimarySession s = ctx.superuserSession("postgres")) {
            Optional<String> type = s.queryValue("SELECT slot_type FROM pg_replication_slots WHERE slot_name = ?", slot);
            if (type.isEmpty()) {
                return Check.needed("create physical slot " + slot);
            }
            if (!type.get().equals("physical")) {
                return Check.blocked("slot " + slot + " exists on prod but is " + type.get(),
                        "another tool uses this name: set a different replica.name");
            }
            return Check.satisfied("physical slot " + slot);
        }
    }

    @Override
    public void apply(SetupContext ctx) {
        try (PrimarySession s = ctx.superuserSession("postgres")) {
            s.queryValue("SELECT pg_create_physical_replication_slot(?) WHERE NOT EXISTS"
                    + " (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)", ctx.config().slotName(), ctx.config().slotName());
        }
    }
}
