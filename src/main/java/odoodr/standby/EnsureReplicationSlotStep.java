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
            Optional<String> user = s.queryValue("SELECT coalesce(r.application_name, '?') || ' from '"
                    + " || coalesce(host(r.client_addr), 'a local socket') FROM pg_replication_slots sl"
                    + " JOIN pg_stat_replication r ON r.pid = sl.active_pid"
                    + " WHERE sl.slot_name = ? AND r.application_name IS DISTINCT FROM ?", slot,
                    ctx.config().applicationName());
            if (user.isPresent() && user.get().startsWith("pg_basebackup from ")) {
                java.nio.file.Path partial = new odoodr.postgres.DataDirectory(ctx.runner(), ctx.cluster()).partial();
                if (!OrphanBaseBackup.into(partial).isEmpty()) {
                    // this replica's own copy, left running by a setup that was killed: the base backup step stops it
                    return Check.satisfied("physical slot " + slot + ", held by this replica's interrupted"
                            + " pg_basebackup into " + partial + " (the base backup step stops it)");
                }
            }
            if (user.isPresent()) {
                // replica names that differ only in - and _ (dr-1, dr_1) map to one slot: never share it
                return Check.blocked("slot " + slot + " is streaming to another standby (" + user.get()
                                + "), not to " + ctx.config().applicationName(),
                        "two replicas would share one slot (names that differ only in - and _ map to the same slot):"
                                + " give this replica a distinct replica.name");
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
