package odoodr.cli;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.ssh.Tunnel;
import odoodr.ssh.TunnelService;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.CountDownLatch;

/**
 * {@code odoo-dr tunnel}: runs the SSH tunnel to prod's PostgreSQL in the foreground and keeps it up (restart with
 * backoff), nothing else. The agent does the same and more; this is for setups that want the tunnel alone.
 */
@Command(name = "tunnel", mixinStandardHelpOptions = true,
        description = {"Keep the SSH tunnel to prod's PostgreSQL up (foreground). The agent does this too."})
public final class TunnelCommand implements Runnable {
    @ParentCommand
    OdooDrCommand root;

    @Override
    public void run() {
        Config config = root.loadConfig();
        TunnelService tunnel = TunnelService.tryStart(config).orElseThrow(() -> new DrException(ExitCode.PRECONDITION,
                "the tunnel for port " + config.replica().tunnelPort() + " is already supervised",
                "see the pid in " + Tunnel.lockFile(config)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tunnel.close();
            stopped.countDown();
        }, "tunnel-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
