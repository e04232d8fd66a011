package odoodr.postgres;

import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionProfileTest {
    static final Config CONFIG = new ConfigLoader(() -> "prd-vnic").parse("""
            prod:
              ssh: { host: prod.example.com }
              superuser: odoo_admin
            postgres:
              replication_user: replica_x
            """, "test.yaml");
    static final PgEndpoint TEMPORARY_TUNNEL = PgEndpoint.unixSocket(Path.of("/tmp/odoo-dr-tunnel-1"), 5432);
    static final PgEndpoint TUNNEL = PgEndpoint.permanentTunnel(CONFIG);
    static final PgEndpoint STANDBY = PgEndpoint.loopback(5432);
    /** Every profile: pgjdbc asks {@link NoCleartextPassword} for the password, and never negotiates GSS. */
    static final Map<String, String> ALWAYS = Map.of(
            "authenticationPluginClassName", "odoodr.postgres.NoCleartextPassword", "gssEncMode", "disable");
    /** Through a tunnel: the socket, never a TCP port. */
    static final Map<String, String> THROUGH_TUNNEL = Map.of("socketFactory", "odoodr.postgres.UnixSocketFactory",
            "socketFactoryArg", "/run/odoo-dr/tunnel-40000/.s.PGSQL.40000");

    @SafeVarargs
    static Map<String, String> merged(Map<String, String>... maps) {
        Map<String, String> out = new HashMap<>();
        for (Map<String, String> m : maps) {
            out.putAll(m);
        }
        return out;
    }

    @Test
    void setupLogsInAsProdsSuperuserWithTheStatementTimeoutsOfSetup() {
        Login login = ConnectionProfile.SETUP_SUPERUSER.login(CONFIG, TEMPORARY_TUNNEL, Secret.of("s3cret"), "odoo");
        assertThat(login.user()).isEqualTo("odoo_admin");
        assertThat(properties(login)).isEqualTo(merged(ALWAYS, Map.of("user", "odoo_admin", "password", "s3cret",
                "ApplicationName", "odoo-dr", "connectTimeout", "15", "socketTimeout", "120", "sslmode", "disable",
                "socketFactory", "odoodr.postgres.UnixSocketFactory",
                "socketFactoryArg", "/tmp/odoo-dr-tunnel-1/.s.PGSQL.5432")));
    }

    @Test
    void theDailyMonitorIsReadOnlyWithShortTimeoutsAndNamesItselfInTheStartupPacket() {
        Login login = ConnectionProfile.DAILY_MONITOR.login(CONFIG, TUNNEL, Secret.of("pw"), "postgres");
        assertThat(properties(login)).isEqualTo(merged(ALWAYS, THROUGH_TUNNEL, Map.of("user", "replica_x", "password", "pw",
                "ApplicationName", "odoo-dr status", "assumeMinServerVersion", "12",
                "connectTimeout", "5", "loginTimeout", "5", "socketTimeout", "10",
                "sslmode", "disable", "readOnly", "true")));
    }

    @Test
    void theReplicationProtocolIsAPhysicalConnectionInSimpleQueryMode() {
        Login login = ConnectionProfile.REPLICATION_PROTOCOL.login(CONFIG, TUNNEL, Secret.of("pw"), "postgres");
        assertThat(properties(login)).isEqualTo(merged(ALWAYS, THROUGH_TUNNEL, Map.of("user", "replica_x", "password", "pw",
                "replication", "true", "assumeMinServerVersion", "9.4", "preferQueryMode", "simple",
                "ApplicationName", "odoo-dr", "connectTimeout", "15", "sslmode", "disable")));
    }

    @Test
    void theLocalStandbyAndTheFailoverProbeUseTheReplicationRoleWithSetupsTimeouts() {
        for (ConnectionProfile p : new ConnectionProfile[] {ConnectionProfile.LOCAL_STANDBY,
                ConnectionProfile.PROD_AS_REPLICATION_ROLE}) {
            assertThat(properties(p.login(CONFIG, STANDBY, Secret.of("pw"), "postgres"))).as(p.name())
                    .isEqualTo(merged(ALWAYS, Map.of("user", "replica_x", "password", "pw", "ApplicationName", "odoo-dr",
                            "connectTimeout", "15", "socketTimeout", "120", "sslmode", "disable")));
        }
    }

    @Test
    void withoutAPasswordTheDriverIsOfferedNone() {
        Login login = ConnectionProfile.LOCAL_STANDBY.login(CONFIG, STANDBY, null, "postgres");
        assertThat(properties(login)).doesNotContainKey("password");
    }

    @Test
    void anotherRoleKeepsTheProfilesProperties() {
        Login login = ConnectionProfile.LOCAL_STANDBY.loginAs("lab_admin", PgEndpoint.loopback(5433), Secret.of("pw"), "sales");
        assertThat(login.profile()).isEqualTo(ConnectionProfile.LOCAL_STANDBY);
        assertThat(properties(login)).containsEntry("user", "lab_admin").containsEntry("socketTimeout", "120");
    }

    @Test
    void aLoginIsDescribedAndAddressedOnLoopbackWithoutItsPassword() {
        Login login = ConnectionProfile.LOCAL_STANDBY.loginAs("odoo_admin", PgEndpoint.loopback(40001), Secret.of("s3cret"), "odoo");
        assertThat(login.describe()).isEqualTo("odoo_admin@127.0.0.1:40001/odoo");
        assertThat(login.url()).isEqualTo("jdbc:postgresql://127.0.0.1:40001/odoo");
        assertThat(login.toString() + login.url()).doesNotContain("s3cret");
    }

    @Test
    void aLoginThroughATunnelIsDescribedByItsSocket() {
        Login login = ConnectionProfile.SETUP_SUPERUSER.login(CONFIG, TEMPORARY_TUNNEL, Secret.of("s3cret"), "odoo");
        assertThat(login.describe()).isEqualTo("odoo_admin@/tmp/odoo-dr-tunnel-1/.s.PGSQL.5432/odoo");
        assertThat(login.toString() + login.url()).doesNotContain("s3cret");
    }

    @Test
    void everyConnectionToProdGoesThroughASocketNeverALoopbackPort() {
        for (ConnectionProfile p : new ConnectionProfile[] {ConnectionProfile.DAILY_MONITOR,
                ConnectionProfile.REPLICATION_PROTOCOL, ConnectionProfile.PROD_AS_REPLICATION_ROLE}) {
            assertThat(properties(p.login(CONFIG, TUNNEL, Secret.of("pw"), "postgres"))).as(p.name())
                    .containsAllEntriesOf(THROUGH_TUNNEL).containsAllEntriesOf(ALWAYS);
        }
    }

    @Test
    void everyProfileSaysWhatItIsFor() {
        for (ConnectionProfile p : ConnectionProfile.values()) {
            assertThat(p.description()).as(p.name()).isNotBlank();
        }
    }

    static Map<String, String> properties(Login login) {
        Properties p = login.profile().properties(login);
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
