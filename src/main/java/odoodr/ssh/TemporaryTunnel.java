package odoodr.ssh;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.PgEndpoint;
import odoodr.host.PrivateSocketDirectory;
import odoodr.host.UnixDomainSocket;
import odoodr.process.ChildEnvironment;
import odoodr.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A short-lived forward to prod's PostgreSQL over the operator's own SSH access: what preflight and the first setup
 * steps use before the permanent tunnel (the postgres user's restricted key) exists. Its local end is a socket in a
 * fresh 0700 directory of this process's user (root), so prod's superuser password, sent through it, can reach
 * only our ssh: a loopback port could be bound by any local user first (DESIGN.md §11). Closing it kills the ssh
 * process and removes the directory.
 */
public final class TemporaryTunnel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("tunnel");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final int CONNECT_MILLIS = 500;

    private final Process process;
    private final PgEndpoint local;

    private TemporaryTunnel(Process process, PgEndpoint local) {
        this.process = process;
        this.local = local;
    }

    public static TemporaryTunnel open(SshTarget prod, int remotePort) {
        Path directory;
        try {
            directory = PrivateSocketDirectory.createTemporary();
        } catch (IOException e) {
            throw new DrException(ExitCode.INTERNAL, "cannot make a directory for the temporary tunnel's socket: "
                    + e.getMessage(), "check that " + System.getProperty("java.io.tmpdir") + " is writable");
        }
        PgEndpoint local = PgEndpoint.unixSocket(directory, remotePort);
        List<String> argv = new ArrayList<>(List.of("ssh", "-N", "-T", "-o", "ExitOnForwardFailure=yes"));
        argv.addAll(TunnelSpec.SOCKET_OPTIONS);
        argv.addAll(prod.sshOptions());
        argv.addAll(List.of("-L", TunnelSpec.forwardSpec(local, remotePort), "--", prod.destination()));
        Process p;
        try {
            p = ChildEnvironment.apply(new ProcessBuilder(argv), ChildEnvironment.of(System.getenv(), Map.of()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            PrivateSocketDirectory.delete(directory);
            throw new DrException(ExitCode.SSH, "cannot start ssh: " + e.getMessage(), "install openssh-client");
        }
        TemporaryTunnel t = new TemporaryTunnel(p, local);
        t.awaitReady(prod);
        LOG.debug("tunnel: temporary forward {} -> {}:127.0.0.1:{}", local.socketFile(), prod.host(), remotePort);
        return t;
    }

    /** The forward's local end: {@code -h <directory> -p <prod's pg_port>} for libpq. */
    public PgEndpoint endpoint() {
        return local;
    }

    /** Ready when our ssh is alive and its socket, in our own directory, accepts a connection. */
    private void awaitReady(SshTarget prod) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String owner = System.getProperty("user.name");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String err = readStderr();
                close();
                throw new RemoteShell(new ProcessRunner(), prod).connectionFailure(err);
            }
            if (PrivateSocketDirectory.holdsSocket(local.socketFile(), owner)) {
                try (UnixDomainSocket s = UnixDomainSocket.connect(local.socketFile(), CONNECT_MILLIS)) {
                    return;
                } catch (IOException e) {
                    // bound but not yet listening
                }
            }
            sleep();
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
        PrivateSocketDirectory.delete(local.socketDirectory());
    }
}
