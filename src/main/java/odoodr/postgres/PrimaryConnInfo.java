package odoodr.postgres;

import odoodr.config.PgEndpoint;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The standby's {@code primary_conninfo}: how its walreceiver reaches the primary through the SSH tunnel, with the
 * password left in a password file ({@code passfile=}) instead of the setting (runbook A5.1, gotcha 10):
 *
 * <pre>
 * user=replicator passfile='/var/lib/postgresql/.pgpass' host=/run/odoo-dr/tunnel-40000 port=40000
 *   application_name=prd_vnic_replica sslmode=disable        (one line)
 * </pre>
 *
 * <p><b>host= is the tunnel's socket directory.</b> libpq connects to {@code <host>/.s.PGSQL.<port>}, a socket in a
 * directory only postgres can enter: no other local user can stand in for the tunnel and be sent the password, as
 * one could on a loopback TCP port while the tunnel restarts (libpq 15 answers a cleartext-password request and has
 * no {@code require_auth}).
 *
 * <p><b>sslmode=disable by default.</b> The walreceiver connects to the tunnel's local end, our ssh; from there
 * OpenSSH carries the bytes encrypted and integrity-protected to the prod host, authenticated by its pinned host key,
 * and they reach PostgreSQL over prod's loopback or docker bridge, which never leave that host. TLS on top would
 * protect nothing more but encrypt the WAL stream a second time (DESIGN.md §10: the tunnel is CPU-bound, so this
 * costs replication throughput). libpq's default, {@code prefer}, would not add security anyway: it verifies no
 * certificate and silently falls back to plain text; only {@code verify-full} with a CA would authenticate the
 * server, and the SSH host key already does. {@code disable} is also deterministic: no TLS negotiation that behaves
 * differently depending on prod's {@code ssl} setting. Use {@link Builder#sslMode} if prod's pg_hba.conf demands
 * {@code hostssl}.
 *
 * <p>No TCP keepalive options either: the walreceiver's TCP peer is the local ssh process, which always answers;
 * a dead link is detected by ssh's ServerAlive probes (the tunnel supervisor restarts ssh) and by the standby's
 * {@code wal_receiver_timeout}.
 */
public final class PrimaryConnInfo {
    public static final String DEFAULT_SSL_MODE = "disable";
    /** PostgreSQL truncates application_name to NAMEDATALEN - 1 bytes. */
    public static final int MAX_APPLICATION_NAME_BYTES = 63;
    /** Suffix of the application_name: {@code <replica name>_replica}, what the runbook's status queries filter on. */
    public static final String APPLICATION_NAME_SUFFIX = "_replica";

    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    private static final Set<String> RESERVED = Set.of("user", "passfile", "host", "hostaddr", "port",
            "application_name", "sslmode", "password");

    private PrimaryConnInfo() {
    }

    /**
     * A builder for the replication user {@code user} reading its password from {@code passfile} (absolute: the
     * walreceiver runs in the data directory) through the tunnel's local end {@code tunnel} (its socket).
     */
    public static Builder builder(String user, Path passfile, PgEndpoint tunnel) {
        return new Builder(user, passfile, tunnel);
    }

    /** {@code <replicaName>_replica}, the application_name the primary shows in {@code pg_stat_replication}. */
    public static String applicationNameFor(String replicaName) {
        return replicaName + APPLICATION_NAME_SUFFIX;
    }

    /** Collects the parameters; {@link #build()} renders them in a fixed order. */
    public static final class Builder {
        private final String user;
        private final Path passfile;
        private final PgEndpoint endpoint;
        private String applicationName;
        private String sslMode = DEFAULT_SSL_MODE;
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder(String user, Path passfile, PgEndpoint endpoint) {
            this.user = requireNonEmpty("user", user);
            this.passfile = Objects.requireNonNull(passfile, "passfile");
            if (!passfile.isAbsolute()) {
                throw new IllegalArgumentException("passfile must be an absolute path: " + passfile);
            }
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        }

        /** Sets application_name to {@code <replicaName>_replica}. */
        public Builder replicaName(String replicaName) {
            return applicationName(applicationNameFor(requireNonEmpty("replica name", replicaName)));
        }

        /**
         * The name the primary shows for this standby. Printable ASCII only and at most 63 bytes: PostgreSQL would
         * replace other characters with {@code ?} and truncate, and the status queries filtering on the name would
         * then find nothing.
         */
        public Builder applicationName(String applicationName) {
            requireNonEmpty("application_name", applicationName);
            for (int i = 0; i < applicationName.length(); i++) {
                char c = applicationName.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    throw new IllegalArgumentException("application_name must be printable ASCII: " + applicationName);
                }
            }
            if (applicationName.getBytes(StandardCharsets.US_ASCII).length > MAX_APPLICATION_NAME_BYTES) {
                throw new IllegalArgumentException("application_name longer than " + MAX_APPLICATION_NAME_BYTES
                        + " bytes: " + applicationName);
            }
            this.applicationName = applicationName;
            return this;
        }

        /** One of libpq's sslmode values; the default {@value #DEFAULT_SSL_MODE} is explained on the class. */
        public Builder sslMode(String sslMode) {
            if (!SSL_MODES.contains(sslMode)) {
                throw new IllegalArgumentException("unknown sslmode \"" + sslMode + "\"; one of "
                        + SSL_MODES.stream().sorted().collect(Collectors.joining(", ")));
            }
            this.sslMode = sslMode;
            return this;
        }

        /**
         * Any other libpq parameter (e.g. {@code connect_timeout}), appended after the standard ones. Never a
         * password: that is what the passfile is for.
         */
        public Builder option(String keyword, String value) {
            requireNonEmpty("keyword", keyword);
            Objects.requireNonNull(value, "value");
            String lower = keyword.toLowerCase(Locale.ROOT);
            if (RESERVED.contains(lower)) {
                throw new IllegalArgumentException(lower.equals("password")
                        ? "primary_conninfo must not carry a password; it goes to the passfile"
                        : "set " + keyword + " with its own builder method");
            }
            if (!keyword.matches("[a-z_]+")) {
                throw new IllegalArgumentException("not a libpq keyword: " + keyword);
            }
            extra.put(keyword, value);
            return this;
        }

        /** The conninfo string, each value quoted for libpq as needed. */
        public String build() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("user", user);
            parameters.put("passfile", passfile.toString());
            parameters.put("host", endpoint.host());
            parameters.put("port", Integer.toString(endpoint.port()));
            if (applicationName != null) {
                parameters.put("application_name", applicationName);
            }
            parameters.put("sslmode", sslMode);
            parameters.putAll(extra);
            return parameters.entrySet().stream()
                    .map(e -> e.getKey() + "=" + ConnInfo.quote(e.getValue()))
                    .collect(Collectors.joining(" "));
        }

        private static String requireNonEmpty(String what, String value) {
            Objects.requireNonNull(value, what);
            if (value.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return value;
        }
    }
}
