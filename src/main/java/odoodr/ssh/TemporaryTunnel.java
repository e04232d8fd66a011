package odoodr.ssh;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.process.ChildEnvironment;
import odoodr.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A short-lived forward to prod's PostgreSQL over the operator's own SSH access, on a free local port: what
 * preflight and the first setup steps use before the permanent tunnel (the postgres user's restricted key) exists.
 * Closing it kills the ssh process.
 */
public final class TemporaryTunnel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("tunnel");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int localPort;

    private TemporaryTunnel(Process process, int localPort) {
        this.process = process;
        this.localPort = localPort;
    }

    public static TemporaryTunnel open(SshTarget prod, int remotePort) {
        int port = freeLocalPort();
        List<String> argv = new ArrayList<>(List.of("ssh", "-N", "-T", "-o", "ExitOnForwardFailure=yes"));
        argv.addAll(prod.sshOptions());
        argv.addAll(List.of("-L", "127.0.0.1:" + port + ":127.0.0.1:" + remotePort, "--", prod.destination()));
        Process p;
        try {
            p = ChildEnvironment.apply(new ProcessBuilder(argv), ChildEnvironment.of(System.getenv(), Map.of()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new DrException(ExitCode.SSH, "cannot start ssh: " + e.getMessage(), "install openssh-client");
        }
        TemporaryTunnel t = new TemporaryTunnel(p, port);
        t.awaitReady(prod);
        LOG.debug("tunnel: temporary forward 127.0.0.1:{} -> {}:127.0.0.1:{}", port, prod.host(), remotePort);
        return t;
    }

    public int localPort() {
        return localPort;
    }

    private void awaitReady(SshTarget prod) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String err = readStderr();
                throw new RemoteShell(new ProcessRunner(), prod).connectionFailure(err);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", localPort), 500);
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        close();
        throw new DrException(ExitCode.SSH, "ssh to " + prod + " did not open the forward within "
                + READY_TIMEOUT.toSeconds() + " s", "check that prod is reachable: ssh -p " + prod.port() + " " + prod.destination());
    }

    private String readStderr() {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static int freeLocalPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new DrException(ExitCode.INTERNAL, "no free local port: " + e.getMessage(), null);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ProcessRunner.killTree(process);
    }
}
