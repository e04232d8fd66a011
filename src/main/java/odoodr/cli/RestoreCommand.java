package odoodr.cli;

import odoodr.ExitCode;
import odoodr.archive.ArchiveLayout;
import odoodr.archive.BackupRecord;
import odoodr.config.Config;
import odoodr.host.StateLock;
import odoodr.json.Json;
import odoodr.process.ProcessRunner;
import odoodr.restore.PointInTimeRestore;
import odoodr.restore.RecoveryWindow;
import odoodr.restore.RestoreName;
import odoodr.restore.RestoreTime;
import odoodr.restore.RestoredCopies;
import odoodr.restore.RestoredCopy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code odoo-dr restore}: point-in-time copies from the replica's own archive; renders, the logic is in restore/. */
@Command(name = "restore", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Point-in-time restore from this replica's archive, into a separate writable cluster"
                + " <major>/odoodr_restore_<name> on localhost. The standby keeps streaming; prod is never contacted.",
                "--at TIME: TIME is ISO-8601 with an offset (2026-12-03T17:40:00+01:00) or 'YYYY-MM-DD HH:MM[:SS]' in"
                        + " this host's time zone.",
                "Exit 19 when refused (TIME outside the recovery window, no archive, name or port taken, disk too"
                        + " small), 20 when WAL is missing or damaged before TIME (the copy is removed, the output"
                        + " says how far it could go)."})
public final class RestoreCommand implements Callable<Integer> {
    enum Output { text, json }

    static final class Action {
        @Option(names = "--at", paramLabel = "TIME", required = true, description = "restore a copy as it was at TIME")
        String at;

        @Option(names = "--list", required = true, description = "show the recovery window, the base backups and the restored copies")
        boolean list;

        @Option(names = "--drop", paramLabel = "NAME", required = true, description = "stop and remove the restored copy NAME")
        String drop;
    }

    @ParentCommand
    OdooDrCommand root;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--name", paramLabel = "NAME", description = "the copy's name (default: TIME in UTC, 20261203_174000)")
    String name;

    @Option(names = "--port", paramLabel = "PORT", description = "the copy's port (default: the first free one from 5433)")
    Integer port;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "for --list: text (default) or json")
    Output output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (action.at == null && (name != null || port != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--name and --port go with --at only (--drop takes the name itself)");
        }
        Config config = root.loadConfig();
        ProcessRunner runner = new ProcessRunner();
        if (action.list) {
            return list(config, runner);
        }
        try (StateLock lock = StateLock.acquire("restore")) {
            if (action.drop != null) {
                RestoredCopy gone = new RestoredCopies(runner).drop(new RestoreName(action.drop));
                System.out.println("restore --drop: removed copy " + gone.name() + " (cluster " + gone.label()
                        + ", port " + gone.port() + ", its data directory, configuration and log)");
                return ExitCode.OK.code();
            }
            return restore(config, runner);
        }
    }

    private Integer restore(Config config, ProcessRunner runner) {
        PrintStream out = System.out;
        ZoneId zone = ZoneId.systemDefault();
        RestoreTime time = RestoreTime.parse(action.at, zone);
        System.err.println("restore: TIME " + action.at + " = " + time.instant() + " (read with " + time.zone() + ")");
        PointInTimeRestore.Outcome o = new PointInTimeRestore(config, runner, System.err::println)
                .restore(time.instant(), Optional.ofNullable(name).map(RestoreName::new), Optional.ofNullable(port));
        RestoredCopy c = o.copy();
        String db = config.databases().get(0);
        String login = "-h 127.0.0.1 -p " + c.port() + " -U " + config.prod().superuser() + " -d " + db;
        out.println("restored: copy " + c.name() + " = cluster " + c.label() + " on 127.0.0.1:" + c.port()
                + ", writable, localhost only, not started at boot (start.conf manual)");
        out.println("  asked for:       " + time.instant() + " (TIME read with " + time.zone() + ")");
        out.println("  recovered to:    " + o.target().describe());
        if (o.target().byLsn()) {
            out.println("                   recovery_target_lsn instead of recovery_target_time: PostgreSQL fails a"
                    + " time target with no later commit to stop at");
        }
        out.println("  last commit:     " + o.lastCommit().map(Object::toString).orElse("none replayed after the backup"));
        out.println("  from backup:     " + o.backup().label() + " (finished " + o.backup().finished() + ")");
        out.println("  connect:         psql " + login + "   (prod's roles and passwords as they were then)");
        out.println("  dump a table:    pg_dump " + login + " -t TABLE -f TABLE.sql");
        out.println("  check its files: odoo-dr verify --cluster " + c.name());
        out.println("  remove it:       odoo-dr restore --drop " + c.name());
        return ExitCode.OK.code();
    }

    private Integer list(Config config, ProcessRunner runner) {
        ArchiveLayout layout = PointInTimeRestore.archive(config);
        RecoveryWindow window = PointInTimeRestore.window(config, layout);
        List<RestoredCopy> copies = new RestoredCopies(runner).list();
        PrintStream out = System.out;
        if (output == Output.json) {
            out.print(Json.write(json(layout, window, copies)));
            return ExitCode.OK.code();
        }
        out.println("recovery window: " + window.describe());
        window.oldest().ifPresent(o -> out.println("  oldest: " + o + " (the oldest good base backup's end)"));
        window.newest().ifPresent(n -> out.println("  newest: " + n + " (the standby's last replayed commit: the"
                + " archive and the standby's pg_wal hold all WAL up to it)"));
        out.println("base backups in " + layout.baseDirectory() + ":" + (window.backups().isEmpty() ? " none yet" : ""));
        for (BackupRecord b : window.backups()) {
            out.printf("  %s  finished %s  %,d MiB  WAL %s … %s%n", b.label(), b.finished(), b.bytes() / (1024 * 1024),
                    b.startLsn(), b.endLsn());
        }
        out.println("restored copies:" + (copies.isEmpty() ? " none" : ""));
        for (RestoredCopy c : copies) {
            out.printf("  %-20s %s  port %d  %s  target: %s  last commit: %s%n", c.name(), c.label(), c.port(),
                    c.running() ? "running" : "stopped", c.record().map(RestoredCopy.Record::target).orElse("?"),
                    c.record().map(RestoredCopy.Record::reached).orElse("?"));
        }
        return ExitCode.OK.code();
    }

    private static Map<String, Object> json(ArchiveLayout layout, RecoveryWindow window, List<RestoredCopy> copies) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "odoo-dr.restore-list/1");
        m.put("archive", layout.root().toString());
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("oldest", window.oldest().map(Object::toString).orElse(null));
        w.put("newest", window.newest().map(Object::toString).orElse(null));
        m.put("window", w);
        m.put("backups", window.backups().stream().map(b -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("label", b.label());
            r.put("started", b.started().toString());
            r.put("finished", b.finished().toString());
            r.put("start_lsn", b.startLsn().toString());
            r.put("end_lsn", b.endLsn().toString());
            r.put("bytes", b.bytes());
            return r;
        }).toList());
        m.put("copies", copies.stream().map(c -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", c.name().name());
            r.put("cluster", c.label());
            r.put("port", c.port());
            r.put("running", c.running());
            r.put("target", c.record().map(RestoredCopy.Record::target).orElse(null));
            r.put("last_commit", c.record().map(RestoredCopy.Record::reached).orElse(null));
            return r;
        }).toList());
        return m;
    }
}
