package odoodr.failover;

import odoodr.config.Config;
import odoodr.config.Secret;
import odoodr.process.ProcessRunner;
import odoodr.postgres.DebianCluster;
import odoodr.runbook.SetupContext;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the promote and decommission steps share: setup's context (config, the operator's access to prod, the
 * temporary tunnel and the superuser password asked for at most once, the standby cluster), whether the operator said
 * {@code --force}, and what promotion found out on the way (the standby's position before and after).
 */
public final class FailoverContext implements AutoCloseable {
    private final SetupContext setup;
    private final boolean force;
    private ReplayPosition beforePromotion;
    private ReplayPosition afterPromotion;
    private String lastSync;

    public FailoverContext(SetupContext setup, boolean force) {
        this.setup = setup;
        this.force = force;
    }

    /** A context over setup's own (the operator's access to prod, the superuser password asked for only if needed). */
    public static FailoverContext open(Config config, Path configPath, Supplier<Secret> superuserPassword, boolean force) {
        return new FailoverContext(new SetupContext(config, configPath, new ProcessRunner(), superuserPassword), force);
    }

    public SetupContext setup() {
        return setup;
    }

    public Config config() {
        return setup.config();
    }

    public ProcessRunner runner() {
        return setup.runner();
    }

    public DebianCluster cluster() {
        return setup.cluster();
    }

    public boolean force() {
        return force;
    }

    synchronized void recordBeforePromotion(ReplayPosition p) {
        beforePromotion = p;
    }

    synchronized void recordAfterPromotion(ReplayPosition p) {
        afterPromotion = p;
    }

    /** The standby's position read last before promoting (the precondition, then again right before the promote). */
    public synchronized Optional<ReplayPosition> beforePromotion() {
        return Optional.ofNullable(beforePromotion);
    }

    public synchronized Optional<ReplayPosition> afterPromotion() {
        return Optional.ofNullable(afterPromotion);
    }

    synchronized void recordLastSync(String summary) {
        lastSync = summary;
    }

    /** What the last attachment sync before promotion did, when one was tried. */
    public synchronized Optional<String> lastSync() {
        return Optional.ofNullable(lastSync);
    }

    @Override
    public void close() {
        setup.close();
    }
}
