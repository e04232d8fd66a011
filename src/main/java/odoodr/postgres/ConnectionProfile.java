package odoodr.postgres;

import odoodr.config.Config;
import odoodr.config.PgEndpoint;
import odoodr.config.PostgresConfig;
import odoodr.config.Secret;

import java.util.Map;
import java.util.Properties;

/**
 * The kinds of JDBC connection odoo-dr makes: for each, whom it logs in as, the driver properties and timeouts, and
 * what it is for. {@link ConnectionFactory} makes every connection from one of these; {@link ConnectionHints} says
 * what to do when one fails.
 */
public enum ConnectionProfile {
    /** Setup's statements on prod, as prod's superuser through the temporary tunnel over the operator's access. */
    SETUP_SUPERUSER("setup as prod's superuser through the temporary tunnel", "odoo-dr", 15, 0, 120, Map.of()),
    /**
     * One round of read-only checks as the replication role (pg_monitor), on prod through the tunnel or on the
     * standby. Timeouts are short on purpose: a silently cut link must make a check fail within seconds, not hang
     * {@code status} (or the agent's loop) for minutes. assumeMinServerVersion puts ApplicationName in the startup
     * packet (not a SET afterwards), so prod's log and pg_stat_activity name us from the start.
     */
    DAILY_MONITOR("daily checks as the replication role, read-only with short timeouts", "odoo-dr status", 5, 5, 10,
            Map.of("assumeMinServerVersion", Integer.toString(PostgresConfig.OLDEST_MAJOR), "readOnly", "true")),
    /**
     * A physical replication connection (replication=true), the kind the standby's WAL receiver and pg_basebackup
     * make, through the permanent tunnel: pg_hba's "replication" keyword matches only these; replication=database
     * would be matched against ordinary database lines and could pass where streaming is refused. The replication
     * protocol takes only simple queries (IDENTIFY_SYSTEM).
     */
    REPLICATION_PROTOCOL("IDENTIFY_SYSTEM as the replication role through the permanent tunnel", "odoo-dr", 15, 0, 0,
            Map.of("replication", "true", "assumeMinServerVersion", "9.4", "preferQueryMode", "simple")),
    /**
     * This replica's own cluster as the replication role (password in ~postgres/.pgpass since setup): its catalog is
     * a copy of prod's, where there may be no {@code postgres} role at all.
     */
    LOCAL_STANDBY("the replication role on this replica's standby", "odoo-dr", 15, 0, 120, Map.of()),
    /** Failover's question to prod (is it still a primary?), as the replication role through a tunnel. */
    PROD_AS_REPLICATION_ROLE("the replication role on prod, asked whether it is a primary", "odoo-dr", 15, 0, 120,
            Map.of());

    private final String description;
    private final String applicationName;
    private final int connectSeconds;
    private final int loginSeconds;
    private final int socketSeconds;
    private final Map<String, String> settings;

    /**
     * @param loginSeconds  0: the driver's default (no limit beyond connectTimeout per attempt)
     * @param socketSeconds 0: a statement may take as long as it takes
     */
    ConnectionProfile(String description, String applicationName, int connectSeconds, int loginSeconds,
                      int socketSeconds, Map<String, String> settings) {
        this.description = description;
        this.applicationName = applicationName;
        this.connectSeconds = connectSeconds;
        this.loginSeconds = loginSeconds;
        this.socketSeconds = socketSeconds;
        this.settings = settings;
    }

    public String description() {
        return description;
    }

    /** The role this profile logs in as: prod's superuser for setup, the replication role for everything else. */
    public String user(Config config) {
        return this == SETUP_SUPERUSER ? config.prod().superuser() : config.postgres().replicationUser();
    }

    /** A login as this profile's {@link #user(Config) role}. */
    public Login login(Config config, PgEndpoint endpoint, Secret password, String database) {
        return loginAs(user(config), endpoint, password, database);
    }

    /** A login as another role with this profile's properties (tests reach the standby as the lab's superuser). */
    public Login loginAs(String user, PgEndpoint endpoint, Secret password, String database) {
        return new Login(this, endpoint, user, password, database);
    }

    /**
     * What the driver is given; sslmode is off because the tunnel already encrypts, and loopback needs none. A
     * socket endpoint is reached through {@link UnixSocketFactory}; {@link NoCleartextPassword} answers every
     * password request, so a server asking for the password in clear gets nothing; no GSS negotiation either.
     */
    Properties properties(Login login) {
        Properties p = new Properties();
        if (login.endpoint().isUnixSocket()) {
            p.setProperty("socketFactory", UnixSocketFactory.class.getName());
            p.setProperty("socketFactoryArg", login.endpoint().socketFile().toString());
        }
        p.setProperty("authenticationPluginClassName", NoCleartextPassword.class.getName());
        p.setProperty("gssEncMode", "disable");
        p.setProperty("user", login.user());
        if (login.password() != null) {
            p.setProperty("password", login.password().reveal());
        }
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("connectTimeout", Integer.toString(connectSeconds));
        if (loginSeconds > 0) {
            p.setProperty("loginTimeout", Integer.toString(loginSeconds));
        }
        if (socketSeconds > 0) {
            p.setProperty("socketTimeout", Integer.toString(socketSeconds));
        }
        p.setProperty("sslmode", "disable");
        settings.forEach(p::setProperty);
        return p;
    }
}
