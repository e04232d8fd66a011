package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.postgres.PrimarySession;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.archive.ArchiveLayout;
import odoodr.postgres.ConfLiteral;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.host.AtomicFile;
import odoodr.host.DirectoryTree;
import odoodr.host.ServiceUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook A5.1–A5.2: the standby's settings. The GUCs a hot standby needs at least as high as the primary's are read
 * from prod itself and written to conf.d (gotcha 5 cannot happen); hot_standby_feedback comes from the config
 * (gotcha 6); primary_conninfo uses passfile= (gotcha 10). A quicker WAL retry makes the WAL receiver reconnect
 * within 2 s of the tunnel coming back.
 */
public final class StandbyConfigStep implements Step<SetupContext> {
    /** Must be ≥ the primary's, or the standby refuses to start (PostgreSQL docs, "Hot Standby" administrator's overview). */
    static final List<String> AT_LEAST_PRIMARY = List.of("max_connections", "max_worker_processes",
            "max_locks_per_transaction", "max_prepared_transactions", "max_wal_senders");

    @Override
    public String id() {
        return "standby-config";
    }

    @Override
    public String title() {
        return "standby settings (conf.d, primary_conninfo)";
    }

    public static Path confFile(SetupContext ctx) {
        return ctx.cluster().confD().resolve("odoo-dr-standby.conf");
    }

    static String render(Config config, Map<String, String> primaryValues) {
        StringBuilder b = new StringBuilder("# Written by odoo-dr setup; values read from prod. Do not lower them:\n"
                + "# a hot standby refuses to start when these are below the primary's.\n");
        primaryValues.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        b.append("hot_standby = on\n");
        b.append("hot_standby_feedback = ").append(config.postgres().hotStandbyFeedback() ? "on" : "off")
                .append("   # on pins rows on prod for long standby queries; off for pure DR (runbook gotcha 6)\n");
        b.append("wal_retrieve_retry_interval = '2s'\n");
        if (config.archive().enabled()) {
            // every segment the standby receives, through PostgreSQL's own atomic, fsyncing module (no cp command)
            b.append("archive_mode = always   # archive.enabled: the recovery archive (changes need a restart)\n");
            b.append("archive_library = 'basic_archive'\n");
            b.append("basic_archive.archive_directory = ")
                    .append(ConfLiteral.quote(ArchiveLayout.of(config).walDirectory().toString())).append('\n');
        }
        return b.toString();
    }

    private static String expected(SetupContext ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        try (PrimarySession s = ctx.superuserSession("postgres")) {
            for (String name : AT_LEAST_PRIMARY) {
                values.put(name, s.setting(name));
            }
        }
        return render(ctx.config(), values);
    }

    @Override
    public Check check(SetupContext ctx) {
        String expected = expected(ctx);
        Path conf = confFile(ctx);
        try {
            boolean confOk = AtomicFile.readIfExists(conf).map(b -> new String(b, StandardCharsets.UTF_8))
                    .map(expected::equals).orElse(false);
            Path dataDir = ctx.cluster().dataDirectory();
            String drift = Files.exists(dataDir.resolve("global/pg_control")) ? StandbyFiles.drift(dataDir, ctx.config()) : null;
            if (confOk && drift == null) {
                return Check.satisfied(conf + " matches prod; primary_conninfo uses passfile=");
            }
            return Check.needed((confOk ? "" : "write " + conf + " (" + String.join(", ", AT_LEAST_PRIMARY) + " from prod)")
                    + (drift == null ? "" : (confOk ? "" : "; ") + "rewrite standby settings: " + drift));
        } catch (IOException e) {
            throw new DrException(ExitCode.DATABASE, "cannot read " + conf + ": " + e.getMessage(), null, e);
        }
    }

    @Override
    public void apply(SetupContext ctx) {
        Path conf = confFile(ctx);
        try {
            // /etc/postgresql/<major>/<cluster> belongs to postgres: no link followed, owned like its other files
            Optional<String> postgres = ServiceUser.runningAsRoot() ? Optional.of(ServiceUser.POSTGRES.name()) : Optional.empty();
            DirectoryTree.ensure(conf.getParent(), AtomicFile.WORLD_READABLE_DIRECTORY, postgres);
            AtomicFile.write(conf, expected(ctx).getBytes(StandardCharsets.UTF_8), AtomicFile.WORLD_READABLE, postgres);
            Path dataDir = ctx.cluster().dataDirectory();
            if (Files.exists(dataDir.resolve("global/pg_control")) && StandbyFiles.drift(dataDir, ctx.config()) != null) {
                StandbyFiles.write(dataDir, ctx.config());
            }
        } catch (IOException e) {
            throw new DrException(ExitCode.DATABASE, "cannot write the standby settings: " + e.getMessage(), null, e);
        }
    }
}
