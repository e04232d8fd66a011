package odoodr.standby;

import odoodr.runbook.SetupContext;
import odoodr.ssh.Tunnel;
import odoodr.host.Launcher;
import odoodr.process.ChildEnvironment;
import odoodr.host.SystemdUnits;
import odoodr.host.Systemd;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.runbook.Check;
import odoodr.runbook.Step;
import odoodr.ssh.TunnelProbe;
import odoodr.config.PgEndpoint;
import odoodr.process.Supervisor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runbook A2.2: the tunnel runs permanently, supervised by the agent. With systemd as PID 1 that is the generated
 * unit; otherwise {@code odoo-dr agent} is started detached (its own session, output to a log file). Verified end to end: prod's
 * PostgreSQL answers through the forward.
 */
public final class EnsureTunnelRunningStep implements Step<SetupContext> {
    private static final int PROBE_MILLIS = 3000;
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    @Override
    public String id() {
        return "tunnel-running";
    }

    @Override
    public String title() {
        return "tunnel to prod's PostgreSQL";
    }

    @Override
    public Check check(SetupContext ctx) {
        if (ready(ctx)) {
            return Check.satisfied("prod's PostgreSQL answers on " + PgEndpoint.permanentTunnel(ctx.config()) + " (supervised)");
        }
        return Check.needed(Systemd.isRunning()
                ? "install and start " + SystemdUnits.AGENT_UNIT
                : "start `odoo-dr agent` detached, which runs the tunnel (log " + Tunnel.logFile(ctx.config()) + ")");
    }

    /**
     * After starting it, a tunnel that does not answer says why in its ssh's own words (the supervisor records how
     * ssh last exited): "Host key verification failed." belongs in setup's failure line, not only in a log.
     */
    @Override
    public Check verify(SetupContext ctx) {
        int port = ctx.config().replica().tunnelPort();
        if (ready(ctx)) {
            return Check.satisfied("prod's PostgreSQL answers on 127.0.0.1:" + port + " (supervised)");
        }
        String log = Systemd.isRunning() ? "journalctl -u " + SystemdUnits.AGENT_UNIT : Tunnel.logFile(ctx.config()).toString();
        return Check.blocked("prod's PostgreSQL does not answer through the tunnel on 127.0.0.1:" + port
                        + Supervisor.lastExit(Tunnel.spec(ctx.config()).pidFile()).map(r -> "; its ssh " + r)
                        .orElse("; its ssh has not exited, so prod's sshd or PostgreSQL does not answer"),
                "fix what ssh says (more in " + log + ") and run setup again");
    }

    @Override
    public void apply(SetupContext ctx) {
        if (Systemd.isRunning()) {
            SystemdUnits.install(ctx.runner(), ctx.config(), ctx.configPath(), List.of(SystemdUnits.AGENT_UNIT));
        } else {
            startDetached(ctx);
        }
        awaitReady(ctx);
    }

    /** The supervisor's own forward (not an orphan nobody restarts, nor one about to be stopped), passing traffic to PostgreSQL. */
    private static boolean ready(SetupContext ctx) {
        return Tunnel.supervisedForwardRunning(ctx.config()) && TunnelProbe.postgresAnswers(PgEndpoint.permanentTunnel(ctx.config()), PROBE_MILLIS);
    }

    private static void startDetached(SetupContext ctx) {
        Path log = Tunnel.logFile(ctx.config());
        try {
            Files.createDirectories(log.getParent());
            List<String> argv = new ArrayList<>(List.of("setsid", "-f"));
            argv.addAll(Launcher.command());
            argv.addAll(List.of("--config", ctx.configPath().toAbsolutePath().toString(), "agent"));
            ProcessBuilder agent = ChildEnvironment.apply(new ProcessBuilder(argv),
                    Launcher.detachedEnvironment(System.getenv()));
            agent.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start().waitFor();
        } catch (IOException e) {
            throw new DrException(ExitCode.PROCESS, "cannot start the tunnel: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitReady(SetupContext ctx) {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready(ctx)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
