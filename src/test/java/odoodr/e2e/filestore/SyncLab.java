package odoodr.e2e.filestore;

import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.e2e.Replica;
import odoodr.filestore.sync.AttachmentReadGrantStep;
import odoodr.lab.ProdLab;
import odoodr.lab.Poll;
import odoodr.process.ProcessRunner;
import odoodr.runbook.RunReport;
import odoodr.runbook.Runbook;
import odoodr.runbook.StepOutcome;
import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.PrimarySession;
import odoodr.runbook.SetupContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static odoodr.postgres.ConnectionProfile.LOCAL_STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

/** The attachment-sync lab tests' common ground: a replica set up end to end, and reading prod and the standby. */
final class SyncLab {
    private SyncLab() {
    }

    /**
     * {@code setup --only database}, {@code setup --only filestore}, and the attachment read grant (run through the
     * runbook engine here too, so the tests do not depend on where setup wires it: if setup ran it, it is "ok").
     */
    static List<StepOutcome> setUp(Replica replica, ProdLab lab) throws java.io.IOException {
        keepTheAgentsSyncOutOfTheWay(replica);
        Replica.Run db = setupWhenTheHostIsFree(replica, "--only", "database");
        assertThat(db.code()).as(db.all()).isZero();
        Replica.Run fs = setupWhenTheHostIsFree(replica, "--only", "filestore");
        assertThat(fs.code()).as(fs.all()).isZero();
        return runGrantStep(replica, lab, false);
    }

    /**
     * {@code setup ARGS}, run again while another setup on this machine (a concurrent test run) holds the host's
     * state lock, for at most five minutes: that refusal is the lock working, not what these tests are about.
     */
    static Replica.Run setupWhenTheHostIsFree(Replica replica, String... args) {
        String[] argv = java.util.stream.Stream.concat(java.util.stream.Stream.of("setup"), java.util.Arrays.stream(args))
                .toArray(String[]::new);
        return Poll.lastOf(Duration.ofMinutes(5), Duration.ofSeconds(2), () -> replica.run(argv),
                r -> !(r.code() == odoodr.ExitCode.PRECONDITION.code() && r.all().contains("is changing this host's state")));
    }

    /**
     * setup starts {@code odoo-dr agent}, whose own attachment sync would race these tests' passes for the same files
     * (harmless, the lock and the sha1 checks see to that, but the counts they assert would vary): with
     * {@code filestore.sync_interval: 1d} the agent's sync waits a day before it starts.
     */
    static void keepTheAgentsSyncOutOfTheWay(Replica replica) throws java.io.IOException {
        java.nio.file.Path file = replica.configFile();
        String text = java.nio.file.Files.readString(file);
        int at = text.indexOf("\n  local_base: ");
        assertThat(at).as("the replica has its own filestore section (withOwnFilestore)").isPositive();
        int end = text.indexOf('\n', at + 1);
        java.nio.file.Files.writeString(file, text.substring(0, end + 1) + "  sync_interval: 1d\n" + text.substring(end + 1));
        assertThat(replica.config().filestore().syncInterval()).isEqualTo(Duration.ofDays(1));
    }

    static List<StepOutcome> runGrantStep(Replica replica, ProdLab lab, boolean dryRun) {
        List<StepOutcome> outcomes = new ArrayList<>();
        try (SetupContext ctx = new SetupContext(replica.config(), replica.configFile(), new ProcessRunner(),
                () -> Secret.of(lab.superuserPassword()))) {
            RunReport report = new Runbook<SetupContext>(List.of(), List.of(new AttachmentReadGrantStep()))
                    .run(ctx, dryRun, outcomes::add);
            assertThat(report.succeeded()).as(outcomes.toString()).isTrue();
        }
        return outcomes;
    }

    /** A session on the standby as prod's superuser (roles replicate, so prod's password works). */
    static PrimarySession standbyAsSuperuser(Replica replica, ProdLab lab, String db) {
        return ConnectionFactory.session(LOCAL_STANDBY.loginAs(lab.superuser(), PgEndpoint.loopback(replica.standbyPort()), Secret.of(lab.superuserPassword()), db));
    }

    /** Waits until the standby has replayed every ir_attachment row prod has now. */
    static void awaitStandbyCaughtUp(Replica replica, ProdLab lab, String db) throws InterruptedException {
        String onProd = lab.sql(db, "SELECT count(*) || '/' || coalesce(max(id), 0) FROM ir_attachment");
        String onStandby = Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(100), () -> {
            try (PrimarySession s = standbyAsSuperuser(replica, lab, db)) {
                return s.requireValue("SELECT count(*) || '/' || coalesce(max(id), 0) FROM ir_attachment");
            }
        }, onProd::equals);
        assertThat(onStandby).as("standby's ir_attachment (count/max id) as on prod").isEqualTo(onProd);
    }

    /** store_fname → create_date (ms since the epoch) of prod's rows with a file and {@code id > afterId}. */
    static Map<String, Long> prodFileRows(ProdLab lab, String db, long afterId) {
        Map<String, Long> rows = new LinkedHashMap<>();
        String out = lab.sql(db, "SELECT store_fname || ' ' || (extract(epoch FROM create_date) * 1000)::bigint"
                + " FROM ir_attachment WHERE store_fname IS NOT NULL AND type = 'binary' AND id > " + afterId + " ORDER BY id");
        out.lines().filter(l -> !l.isBlank()).forEach(l -> {
            String[] f = l.split(" ");
            rows.putIfAbsent(f[0], Long.parseLong(f[1]));
        });
        return rows;
    }

    static long prodMaxId(ProdLab lab, String db) {
        return Long.parseLong(lab.sql(db, "SELECT coalesce(max(id), 0) FROM ir_attachment"));
    }

    /** The replica's config directory (a temporary one): its config file, then the directory if nothing else is in it. */
    static void deleteConfigDir(java.nio.file.Path dir) {
        try {
            java.nio.file.Files.deleteIfExists(dir.resolve("odoo-dr.yaml"));
            java.nio.file.Files.deleteIfExists(dir);
        } catch (java.io.IOException e) {
            System.err.println("cleanup: " + dir + ": " + e);
        }
    }

    /** p-th percentile (0..100) of sorted values, nearest rank. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
