package odoodr.cli;

import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.drill.Drill;
import odoodr.drill.DrillRenderer;
import odoodr.drill.DrillReport;
import odoodr.host.StateLock;
import odoodr.process.ProcessRunner;
import odoodr.restore.RestoreTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code odoo-dr drill}: renders {@link DrillReport}; the logic is in drill/. */
@Command(name = "drill", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"DR drill: restore a throwaway copy of the standby from this replica's archive (its replay"
                + " position, or --at TIME), neutralize it for Odoo (no mail, no cron, no fetchmail; marker"
                + " database.is_neutralized), check it (verify against the mirror, database.uuid and"
                + " database.secret, drill.check_command), time each phase, remember the result for status, and"
                + " remove the copy. The standby keeps streaming; prod is never contacted.",
                "Exit 0 when the drill passed, 21 when it was refused (no archive or base backup) or failed."})
public final class DrillCommand implements Callable<Integer> {
    @ParentCommand
    OdooDrCommand root;

    @Option(names = "--at", paramLabel = "TIME", description = "drill a copy as of TIME (as restore --at) instead of"
            + " the standby's replay position")
    String at;

    @Option(names = "--keep", description = "leave the neutralized copy running (remove it with odoo-dr restore --drop NAME)")
    boolean keep;

    @Option(names = "--deep", description = "verify also reads every file and compares its sha1")
    boolean deep;

    @Mixin
    TextOrJsonOutput output;

    @Override
    public Integer call() {
        Config config = root.loadConfig();
        Optional<java.time.Instant> time = Optional.ofNullable(at).map(t -> {
            RestoreTime parsed = RestoreTime.parse(t, ZoneId.systemDefault());
            System.err.println("drill: TIME " + t + " = " + parsed.instant() + " (read with " + parsed.zone() + ")");
            return parsed.instant();
        });
        DrillReport report;
        try (StateLock lock = StateLock.acquire("drill")) {
            report = new Drill(config, new ProcessRunner(), System.err::println, Clock.systemUTC())
                    .run(new Drill.Options(time, keep, deep));
        }
        PrintStream out = System.out;
        out.print(output.json() ? DrillRenderer.json(report) : DrillRenderer.text(report));
        out.flush();
        return report.passed() ? ExitCode.OK.code() : ExitCode.DRILL.code();
    }
}
