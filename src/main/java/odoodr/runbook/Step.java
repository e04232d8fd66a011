package odoodr.runbook;

/**
 * One step of a runbook (DESIGN.md §4). {@link #check} is read-only and runs for real in --dry-run; {@link #apply}
 * does the work and is safe to re-run; {@link #verify} is the postcondition that must hold before the run goes on.
 */
public interface Step<C> {
    /** Stable identifier, e.g. "ensure-replication-slot"; used in reports, logs and `--only`. */
    String id();

    /** What this step is about, for humans: "replication slot replica_x on prod". */
    String title();

    Check check(C ctx);

    void apply(C ctx);

    default Check verify(C ctx) {
        return check(ctx);
    }
}
