package odoodr.failover;

import odoodr.process.LocalProcesses;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.Command;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.host.Launcher;
import odoodr.host.Systemd;
import odoodr.host.SystemdUnits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runbook "Decommission" 1 and 4: odoo-dr's units are disabled and stopped, their files (and the drop-in that ties
 * PostgreSQL to the tunnel) removed, systemd reloaded. The files are exactly those setup writes
 * ({@link SystemdUnits#files}), so a unit added there is removed here too.
 */
final class RemoveSystemdUnitsStep implements Step<FailoverContext> {
    private static final Duration SYSTEMCTL = Duration.ofSeconds(60);

    @Override
    public String id() {
        return "systemd-units";
    }

    @Override
    public String title() {
        return "odoo-dr's systemd units removed";
    }

    @Override
    public Check check(FailoverContext ctx) {
        List<Path> present = installed(ctx);
        if (present.isEmpty()) {
            return Check.satisfied("no odoo-dr unit file installed" + (Systemd.isRunning() ? "" : " (systemd is not PID 1 here)"));
        }
        List<String> units = units(present);
        return Check.needed((units.isEmpty() || !Systemd.isRunning() ? "" : "systemctl disable --now " + String.join(" ", units) + "; ")
                + "remove " + String.join(", ", present.stream().map(Path::toString).toList())
                + (Systemd.isRunning() ? "; systemctl daemon-reload" : ""));
    }

    @Override
    public void apply(FailoverContext ctx) {
        List<Path> present = installed(ctx);
        List<String> units = units(present);
        if (Systemd.isRunning() && !units.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("systemctl", "disable", "--now"));
            argv.addAll(units);
            ctx.runner().run(Command.of(argv).timeout(SYSTEMCTL)
                    .onFailure(ExitCode.FAILOVER, "see: systemctl status " + String.join(" ", units)).build());
        }
        for (Path f : present) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new DrException(ExitCode.FAILOVER, "cannot remove " + f + ": " + e.getMessage(), null, e);
            }
            if (f.getParent().getFileName().toString().endsWith(".d")) {
                LocalProcesses.deleteIfEmpty(f.getParent());
            }
        }
        if (Systemd.isRunning()) {
            ctx.runner().run(Command.of("systemctl", "daemon-reload").timeout(SYSTEMCTL).build());
        }
    }

    private static List<Path> installed(FailoverContext ctx) {
        return SystemdUnits.files(ctx.config(), ctx.setup().configPath(), Launcher.command()).keySet().stream()
                .filter(Files::exists).sorted().toList();
    }

    /** Unit files proper (not drop-ins): what systemctl disables. */
    private static List<String> units(List<Path> files) {
        return files.stream().filter(f -> !f.getParent().getFileName().toString().endsWith(".d"))
                .map(f -> f.getFileName().toString()).toList();
    }
}
