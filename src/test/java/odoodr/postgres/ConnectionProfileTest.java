package odoodr.postgres;

import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.config.Secret;
import org.junit.jupiter.api.Test;

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

    @Test
    void setupLogsInAsProdsSuperuserWithTheStatementTimeoutsOfSetup() {
        Login login = ConnectionProfile.SETUP_SUPERUSER.login(CONFIG, 40001, Secret.of("s3cret"), "odoo");
        assertThat(login.user()).isEqualTo("odoo_admin");
        assertThat(properties(login)).isEqualTo(Map.of("user", "odoo_admin", "password", "s3cret",
                "ApplicationName", "odoo-dr", "connectTimeout", "15", "socketTimeout", "120", "sslmode", "disable"));
    }

    @Test
    void theDailyMonitorIsReadOnlyWithShortTimeoutsAndNamesItselfInTheStartupPacket() {
        Login login = ConnectionProfile.DAILY_MONITOR.login(CONFIG, 5432, Secret.of("pw"), "postgres");
        assertThat(properties(login)).isEqualTo(Map.of("user", "replica_x", "password", "pw",
                "ApplicationName", "odoo-dr status", "assumeMinServerVersion", "12",
                "connectTimeout", "5", "loginTimeout", "5", "socketTimeout", "10",
                "sslmode", "disable", "readOnly", "true"));
    }

    @Test
    void theReplicationProtocolIsAPhysicalConnectionInSimpleQueryMode() {
        Login login = ConnectionProfile.REPLICATION_PROTOCOL.login(CONFIG, 40000, Secret.of("pw"), "postgres");
        assertThat(properties(login)).isEqualTo(Map.of("user", "replica_x", "password", "pw",
                "replication", "true", "assumeMinServerVersion", "9.4", "preferQueryMode", "simple",
                "ApplicationName", "odoo-dr", "connectTimeout", "15", "sslmode", "disable"));
    }

    @Test
    void theLocalStandbyAndTheFailoverProbeUseTheReplicationRoleWithSetupsTimeouts() {
        for (ConnectionProfile p : new ConnectionProfile[] {ConnectionProfile.LOCAL_STANDBY,
                ConnectionProfile.PROD_AS_REPLICATION_ROLE}) {
            assertThat(properties(p.login(CONFIG, 5432, Secret.of("pw"), "postgres"))).as(p.name())
                    .isEqualTo(Map.of("user", "replica_x", "password", "pw", "ApplicationName", "odoo-dr",
                            "connectTimeout", "15", "socketTimeout", "120", "sslmode", "disable"));
        }
    }

    @Test
    void withoutAPasswordTheDriverIsOfferedNone() {
        Login login = ConnectionProfile.LOCAL_STANDBY.login(CONFIG, 5432, null, "postgres");
        assertThat(properties(login)).doesNotContainKey("password");
    }

    @Test
    void anotherRoleKeepsTheProfilesProperties() {
        Login login = ConnectionProfile.LOCAL_STANDBY.loginAs("lab_admin", 5433, Secret.of("pw"), "sales");
        assertThat(login.profile()).isEqualTo(ConnectionProfile.LOCAL_STANDBY);
        assertThat(properties(login)).containsEntry("user", "lab_admin").containsEntry("socketTimeout", "120");
    }

    @Test
    void aLoginIsDescribedAndAddressedOnLoopbackWithoutItsPassword() {
        Login login = ConnectionProfile.SETUP_SUPERUSER.login(CONFIG, 40001, Secret.of("s3cret"), "odoo");
        assertThat(login.describe()).isEqualTo("odoo_admin@127.0.0.1:40001/odoo");
        assertThat(login.url()).isEqualTo("jdbc:postgresql://127.0.0.1:40001/odoo");
        assertThat(login.toString() + login.url()).doesNotContain("s3cret");
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
