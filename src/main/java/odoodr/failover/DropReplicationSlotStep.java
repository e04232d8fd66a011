package odoodr.failover;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.postgres.PrimarySession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Runbook "Decommission" 2: this replica's slot is dropped on prod, or prod keeps WAL for it until its disk is full.
 * Needs prod's superuser, through a temporary forward over the operator's access (like setup).
 *
 * <p>"Active" means a walsender holds the slot. The earlier steps stopped this replica's own tunnel and standby, so
 * our walsender is on its way out: a holder whose application_name is this replica's is waited for (and ended if it
 * lingers). Any other holder (another replica misconfigured with our name, a pg_receivewal) is never cut off without
 * {@code --force}.
 */
final class DropReplicationSlotStep implements Step<FailoverContext> {
    private static final Duration OUR_WALSENDER_EXIT = Duration.ofSeconds(30);
    private static final String SLOT = "SELECT s.slot_type, s.active, s.active_pid, r.application_name, host(r.client_addr),"
            + " CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint END"
            + " FROM pg_replication_slots s LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid WHERE s.slot_name = ?";

    record SlotState(String type, boolean active, Integer activePid, String applicationName, String clientAddr,
                     Long retainedBytes) {
        String holder() {
            return "pid " + activePid + (applicationName == null ? "" : ", application_name " + applicationName)
                    + (clientAddr == null ? "" : ", client " + clientAddr);
        }
    }

    @Override
    public String id() {
        return "replication-slot-dropped";
    }

    @Override
    public String title() {
        return "replication slot dropped on prod";
    }

    @Override
    public Check check(FailoverContext ctx) {
        String slot = ctx.config().slotName();
        try (PrimarySession s = prodSession(ctx)) {
            Optional<SlotState> state = read(s, slot);
            if (state.isEmpty()) {
                return Check.satisfied("no slot " + slot + " on prod");
            }
            SlotState st = state.get();
            if (!"physical".equals(st.type())) {
                return new Check(Check.State.BLOCKED, "slot " + slot + " on prod is " + st.type() + ": odoo-dr makes only"
                        + " physical slots, so it is not ours", "left alone; drop it yourself if you know whose it is",
                        ExitCode.FAILOVER);
            }
            String drop = "drop physical slot " + slot + retained(st);
            if (!st.active()) {
                return Check.needed(drop);
            }
            if (ours(ctx, st)) {
                return Check.needed(drop + " once this replica's own walsender (" + st.holder() + ") has gone");
            }
            if (ctx.force()) {
                return Check.needed("--force: terminate the walsender holding it (" + st.holder() + ") and " + drop);
            }
            return new Check(Check.State.BLOCKED, "slot " + slot + " is active: held by " + st.holder()
                    + ", not by this replica; dropping it would cut that client off",
                    "find out who uses it; if it must go anyway: odoo-dr decommission --force", ExitCode.FAILOVER);
        }
    }

    @Override
    public void apply(FailoverContext ctx) {
        String slot = ctx.config().slotName();
        try (PrimarySession s = prodSession(ctx)) {
            long deadline = System.nanoTime() + OUR_WALSENDER_EXIT.toNanos();
            Optional<SlotState> st = read(s, slot);
            while (st.isPresent() && st.get().active()) {
                boolean waitForIt = ours(ctx, st.get()) && System.nanoTime() < deadline;
                if (!waitForIt) {
                    if (!ours(ctx, st.get()) && !ctx.force()) {
                        throw new DrException(ExitCode.FAILOVER, "slot " + slot + " became active: held by " + st.get().holder(),
                                "run decommission again to see who holds it");
                    }
                    s.queryValue("SELECT pg_terminate_backend(?)", st.get().activePid());
                }
                sleep();
                st = read(s, slot);
            }
            if (st.isPresent()) {
                s.queryValue("SELECT 1 FROM pg_drop_replication_slot(?)", slot);
            }
        }
    }

    /** Prod's superuser through a temporary forward; failing that, the slot waits for a later run. */
    private static PrimarySession prodSession(FailoverContext ctx) {
        try {
            return ctx.setup().superuserSession("postgres");
        } catch (DrException e) {
            throw new DrException(e.exitCode(), "cannot reach prod's PostgreSQL to drop slot " + ctx.config().slotName()
                    + ": " + e.getMessage(), (e.hint() == null ? "" : e.hint() + "; ") + "run odoo-dr decommission again"
                    + " once prod's PostgreSQL is up (until then prod keeps WAL for the slot)", e);
        }
    }

    private static boolean ours(FailoverContext ctx, SlotState st) {
        return ctx.config().applicationName().equals(st.applicationName());
    }

    private static String retained(SlotState st) {
        return st.retainedBytes() == null ? "" : " (it keeps " + st.retainedBytes() + " bytes of WAL on prod)";
    }

    private static Optional<SlotState> read(PrimarySession s, String slot) {
        try (PreparedStatement st = s.connection().prepareStatement(SLOT)) {
            st.setString(1, slot);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SlotState(rs.getString(1), rs.getBoolean(2), (Integer) rs.getObject(3),
                        rs.getString(4), rs.getString(5), (Long) rs.getObject(6)));
            }
        } catch (SQLException e) {
            throw new DrException(ExitCode.DATABASE, s.describe() + ": " + e.getMessage(), null, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrException(ExitCode.FAILOVER, "interrupted while waiting for the slot to be released", null, e);
        }
    }
}
