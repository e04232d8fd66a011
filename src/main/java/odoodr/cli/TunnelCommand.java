package odoodr.cli;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.process.Supervisor;
import odoodr.standby.ServiceUser;
import odoodr.standby.Tunnel;
import odoodr.ssh.TunnelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * {@code odoo-dr tunnel}: runs the SSH tunnel to prod's PostgreSQL in the foreground and keeps it up (restart with
 * backoff). This is what the systemd unit runs; where systemd is not PID 1, setup starts it detached.
 */
@Command(name = "tunnel", mixinStandardHelpOptions = true, description = {"Keep the SSH tunnel to prod's PostgreSQL up (foreground; the systemd unit runs this)."})
public final class TunnelCommand implements Runnable {
    @ParentCommand
    OdooDrCommand root;

    @Override
    public void run() {
        Config config = root.loadConfig();
        TunnelSpec spec = Tunnel.spec(config);
        try {
            Files.createDirectories(Tunnel.lockFile(config).getParent());
            try (FileChannel ch = FileChannel.open(Tunnel.lockFile(config), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.tryLock()) {
                if (lock == null) {
                    throw new DrException(ExitCode.PRECONDITION, "a tunnel for port " + spec.localPort() + " is already running",
                            "see the pid in " + Tunnel.lockFile(config));
                }
                ch.truncate(0);
                ch.write(StandardCharsets.UTF_8.encode(ProcessHandle.current().pid() + "\n"));
                supervise(spec);
            }
        } catch (IOException e) {
            throw new DrException(ExitCode.PROCESS, "tunnel: " + e.getMessage(), null, e);
        }
    }

    private static void supervise(TunnelSpec spec) {
        CountDownLatch stopped = new CountDownLatch(1);
        Supervisor supervisor = new Supervisor("tunnel", spec.argv(ServiceUser.runningAsRoot()), "ssh", spec.pidFile());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            supervisor.close();
            stopped.countDown();
        }, "tunnel-shutdown"));
        supervisor.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
