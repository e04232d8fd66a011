package odoodr.agent;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.archive.BaseBackupJob;
import odoodr.drill.DrillJob;
import odoodr.ssh.ServiceKeyRole;
import odoodr.filestore.FullPass;
import odoodr.filestore.sync.AttachmentSync;
import odoodr.health.CheckStatus;
import odoodr.health.FilestoreSyncStateFile;
import odoodr.health.HealthMonitor;
import odoodr.health.HealthReport;
import odoodr.host.FileLock;
import odoodr.process.ProcessRunner;
import odoodr.ssh.Tunnel;
import odoodr.ssh.TunnelService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code odoo-dr agent}: one long-running process for one replica. It supervises the tunnel (unless another process
 * already does), runs the attachment-driven filestore sync and the periodic full pass, measures health on a timer,
 * and serves the results. A failing check or pass is logged and retried, never fatal; SIGTERM stops the children.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("agent");
    static final Duration HEALTH_PERIOD = Duration.ofSeconds(10);

    private final Config config;
    private final ProcessRunner runner = new ProcessRunner();
    private final AtomicReference<HealthReport> latest = new AtomicReference<>();
    private final History history = new History(Duration.ofHours(1));
    private final List<Thread> loops = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private FileLock lock;
    /** Read and written by the attachment loop's thread only. */
    private boolean attachmentSyncPaused;
    private TunnelService tunnel;
    private AgentHttpServer http;

    public Agent(Config config) {
        this.config = config;
    }

    public static Path lockFile(Config config) {
        return Path.of("/run/odoo-dr/agent-" + config.replica().tunnelPort() + ".lock");
    }

    /** Starts everything, then blocks until {@link #close()} (the shutdown hook on SIGTERM). */
    public void run() {
        start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void start() {
        lockOrRefuse();
        tunnel = TunnelService.tryStart(config).orElse(null);
        if (tunnel == null) {
            LOG.info("tunnel: supervised by another process (see {}); the agent only watches it", Tunnel.lockFile(config));
        }
        if (config.prod().filestorePath().isPresent()) {
            loop("filestore-sync", this::attachmentSyncLoop);
            loop("filestore-full", this::fullPassLoop);
        } else {
            LOG.info("filestore: prod.filestore_path is not set; no filestore sync");
        }
        if (config.archive().enabled()) {
            // base backups of the standby itself into the recovery archive, then retention (archive/BaseBackupJob)
            loop("archive", () -> new BaseBackupJob(config, runner, Clock.systemUTC())
                    .runUntilStopped(() -> running, this::standbyInRecovery));
        }
        config.drill().schedule().ifPresent(interval -> loop("drill", () -> new DrillJob(config, runner, interval,
                Clock.systemUTC()).runUntilStopped(() -> running, this::standbyInRecovery)));
        loop("health", this::healthLoop);
        var listen = config.agent().listen();
        http = new AgentHttpServer(listen.host(), listen.port(), latest::get, history);
        http.start();
    }

    private void lockOrRefuse() {
        Path file = lockFile(config);
        try {
            Files.createDirectories(file.getParent());
            lock = FileLock.tryAcquire(file, "").orElseThrow(() -> new DrException(ExitCode.PRECONDITION,
                    "an agent already runs for this replica (pid " + FileLock.holder(file).orElse("") + ")",
                    "stop it first, or look at it: curl http://" + config.agent().listen() + "/health"));
        } catch (IOException e) {
            throw new DrException(ExitCode.PROCESS, "agent: cannot lock " + file + ": " + e.getMessage(), null, e);
        }
    }

    private void loop(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                LOG.error("{}: loop stopped by an unexpected error: {}", name, e.toString(), e);
            }
        }, name);
        t.setDaemon(true);
        loops.add(t);
        t.start();
    }

    private void healthLoop() {
        HealthMonitor monitor = new HealthMonitor(config);
        CheckStatus previous = null;
        while (running) {
            HealthReport report = monitor.check();
            latest.set(report);
            history.add(report);
            if (report.overall() != previous) {
                String problems = report.problems().stream().map(c -> c.key() + "=" + c.status()).reduce((a, b) -> a + ", " + b).orElse("none");
                // at the state's own level, so that journald's priorities (-p warning) and log alerts see it
                switch (report.overall()) {
                    case OK -> LOG.info("health: {} (problems: {})", report.overall(), problems);
                    case CRITICAL -> LOG.error("health: {} (problems: {})", report.overall(), problems);
                    default -> LOG.warn("health: {} (problems: {})", report.overall(), problems);
                }
                previous = report.overall();
            }
            sleep(HEALTH_PERIOD);
        }
    }

    private void attachmentSyncLoop() {
        if (!awaitFilestoreSetUp()) {
            return;
        }
        try (AttachmentSync sync = AttachmentSync.open(config, runner, FilestoreSyncStateFile.directory(config), Duration.ofSeconds(30))) {
            sync.runUntilStopped(() -> running, this::attachmentSyncActive);
        }
    }

    /** {@link #standbyInRecovery()}, logging when the attachment loop pauses and resumes (the operator sees why it idles). */
    private boolean attachmentSyncActive() {
        boolean active = standbyInRecovery();
        if (active == attachmentSyncPaused) {
            attachmentSyncPaused = !active;
            LOG.info(active ? "filestore: the standby is in recovery again: attachment sync resumed"
                    : "filestore: the standby is down or promoted: attachment sync paused");
        }
        return active;
    }

    /**
     * The loops read the standby: while it is down or promoted (after a failover there is nothing left to follow)
     * they pause instead of failing every few seconds.
     */
    private boolean standbyInRecovery() {
        HealthReport r = latest.get();
        return r == null || r.find("standby_in_recovery").map(c -> c.status() != CheckStatus.CRITICAL).orElse(true);
    }

    /** The filestore may be set up after the agent started (setup runs the database part first): wait for it. */
    private boolean awaitFilestoreSetUp() {
        while (running && !Files.exists(ServiceKeyRole.FILESTORE.privateKey(config))) {
            sleep(config.filestore().syncInterval());
        }
        return running;
    }

    private void fullPassLoop() {
        if (awaitFilestoreSetUp()) {
            new FullPass(config, runner).runUntilStopped(() -> running, this::standbyInRecovery);
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public Optional<Integer> httpPort() {
        return Optional.ofNullable(http).map(AgentHttpServer::port);
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        LOG.info("agent: stopping");
        loops.forEach(Thread::interrupt);
        if (http != null) {
            http.close();
        }
        if (tunnel != null) {
            tunnel.close();
        }
        if (lock != null) {
            lock.deleteAndRelease();
        }
        stopped.countDown();
    }
}
