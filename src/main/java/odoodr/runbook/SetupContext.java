package odoodr.runbook;

import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.ConnectionProfile;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.PrimarySession;
import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.Secret;
import odoodr.process.ProcessRunner;
import odoodr.ssh.RemoteShell;
import odoodr.ssh.SshTarget;
import odoodr.ssh.TemporaryTunnel;
import odoodr.config.PgEndpoint;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Everything the preflight checks and the setup steps share: the config, the one process runner, the operator's
 * SSH access to prod, the standby cluster, where progress goes, and the prod superuser's password (asked for at most
 * once, only when a step needs it). Opens a temporary tunnel to prod's PostgreSQL on first use and closes it at the end.
 */
public final class SetupContext implements AutoCloseable {
    private final Config config;
    private final Path configPath;
    private final ProcessRunner runner;
    private final RemoteShell prod;
    private final DebianCluster cluster;
    private final Supplier<Secret> passwordSupplier;
    private final SetupOptions options;
    private final ProgressListener progress;
    private Secret superuserPassword;
    private TemporaryTunnel tunnel;
    private String prodSystemIdentifier;

    public SetupContext(Config config, Path configPath, ProcessRunner runner, Supplier<Secret> superuserPassword) {
        this(config, configPath, runner, superuserPassword, SetupOptions.DEFAULT);
    }

    public SetupContext(Config config, Path configPath, ProcessRunner runner, Supplier<Secret> superuserPassword,
                        SetupOptions options) {
        this(config, configPath, runner, superuserPassword, options, ProgressListener.NONE);
    }

    public SetupContext(Config config, Path configPath, ProcessRunner runner, Supplier<Secret> superuserPassword,
                        SetupOptions options, ProgressListener progress) {
        this.options = options;
        this.progress = progress;
        this.config = config;
        this.configPath = configPath;
        this.runner = runner;
        this.prod = new RemoteShell(runner, operatorTarget(config));
        this.cluster = new DebianCluster(runner, config.postgres().major(), config.postgres().cluster());
        this.passwordSupplier = superuserPassword;
    }

    /** The operator's own access to prod (prod.ssh.*), used for setup; the tunnel has its own key. */
    public static SshTarget operatorTarget(Config config) {
        var ssh = config.prod().ssh();
        return new SshTarget(ssh.user(), ssh.host(), ssh.port(), ssh.identityFile().orElse(null),
                ssh.knownHosts().orElse(null));
    }

    public Config config() {
        return config;
    }

    /** The file the config came from: the detached tunnel and the systemd units are started with it. */
    public Path configPath() {
        return configPath;
    }

    public SetupOptions options() {
        return options;
    }

    /** Where the long copies (base backup, filestore seed) report how far they are. */
    public ProgressListener progress() {
        return progress;
    }

    public ProcessRunner runner() {
        return runner;
    }

    public RemoteShell prod() {
        return prod;
    }

    public DebianCluster cluster() {
        return cluster;
    }

    public synchronized Secret superuserPassword() {
        if (superuserPassword == null) {
            superuserPassword = passwordSupplier.get();
            if (superuserPassword == null || superuserPassword.isEmpty()) {
                throw new DrException(ExitCode.CONFIG, "no password for prod's superuser " + config.prod().superuser(),
                        "set prod.superuser_password_file (mode 0600) or ODOO_DR_PROD_PASSWORD, or run on a terminal to be asked");
            }
            odoodr.process.Redactor.register(superuserPassword.reveal());
        }
        return superuserPassword;
    }

    /** A superuser session on prod's PostgreSQL through a temporary tunnel over the operator's access. */
    public PrimarySession superuserSession(String database) {
        return ConnectionFactory.session(
                ConnectionProfile.SETUP_SUPERUSER.login(config, temporaryTunnel(), superuserPassword(), database));
    }

    /**
     * Prod's system identifier (pg_control_system()), asked once: it tells this prod from any other, also from an
     * earlier prod of the same name whose marks are still on this host.
     */
    public synchronized String prodSystemIdentifier() {
        if (prodSystemIdentifier == null) {
            try (PrimarySession s = superuserSession("postgres")) {
                prodSystemIdentifier = s.requireValue("SELECT system_identifier::text FROM pg_control_system()");
            }
        }
        return prodSystemIdentifier;
    }

    /** The local end (a socket) of the temporary forward to prod's PostgreSQL, opened on first use. */
    public synchronized PgEndpoint temporaryTunnel() {
        if (tunnel == null) {
            tunnel = TemporaryTunnel.open(prod.target(), config.prod().pgPort());
        }
        return tunnel.endpoint();
    }

    @Override
    public synchronized void close() {
        if (tunnel != null) {
            tunnel.close();
            tunnel = null;
        }
    }
}
