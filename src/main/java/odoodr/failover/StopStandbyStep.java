package odoodr.failover;

import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.postgres.DebianCluster;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Runbook "Decommission" 1: the standby is stopped and no longer started at boot ({@code start.conf} = manual, the
 * Debian way, with or without systemd). Its data is never deleted here: a decommissioned standby may be someone's
 * last copy of prod. A cluster that was promoted is the production database now and is not touched at all.
 */
final class StopStandbyStep implements Step<FailoverContext> {
    static final String MANUAL = "manual";

    @Override
    public String id() {
        return "standby-stopped";
    }

    @Override
    public String title() {
        return "standby stopped, not started at boot (data kept)";
    }

    @Override
    public Check check(FailoverContext ctx) {
        DebianCluster c = ctx.cluster();
        var status = c.status();
        if (status.isEmpty()) {
            return Check.satisfied("no cluster " + c.label() + " here");
        }
        if (!Files.exists(status.get().dataDirectory().resolve("standby.signal"))) {
            return Check.satisfied("cluster " + c.label() + " is not a standby (promoted?): it may be your production"
                    + " database and is left as it is");
        }
        List<String> todo = new ArrayList<>();
        if (status.get().online()) {
            todo.add("pg_ctlcluster " + c.major() + " " + c.name() + " stop");
        }
        if (!c.startMode().map(s -> s.equals(MANUAL) || s.equals("disabled")).orElse(false)) {
            todo.add("set " + c.startConfFile() + " to manual (not started at boot)");
        }
        String kept = "data kept in " + status.get().dataDirectory();
        return todo.isEmpty()
                ? Check.satisfied("cluster " + c.label() + " stopped, start.conf " + c.startMode().orElse("?") + "; " + kept)
                : Check.needed(String.join("; ", todo) + "; " + kept);
    }

    @Override
    public void apply(FailoverContext ctx) {
        DebianCluster c = ctx.cluster();
        c.stop();
        if (!c.startMode().map(s -> s.equals(MANUAL) || s.equals("disabled")).orElse(false)) {
            c.setStartMode(MANUAL);
        }
    }
}
