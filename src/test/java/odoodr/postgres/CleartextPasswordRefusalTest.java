package odoodr.postgres;

import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding 3 (issue 9): whatever answers where a tunnel ends and asks for the password in clear text gets nothing.
 * pgjdbc on its own answers such a request with the password; {@link NoCleartextPassword} refuses it.
 */
class CleartextPasswordRefusalTest {
    static final Config CONFIG = ConnectionProfileTest.CONFIG;
    static final String PASSWORD = "prod-superuser-s3cret";

    @TempDir
    Path dir;

    @Test
    void aServerAskingForTheCleartextPasswordIsRefusedAndReceivesNoPassword() throws Exception {
        PgEndpoint endpoint = PgEndpoint.unixSocket(dir, 5432);
        try (FakePostgres squatter = FakePostgres.listen(endpoint.socketFile(), FakePostgres.CLEARTEXT_REQUEST)) {
            Login login = ConnectionProfile.SETUP_SUPERUSER.login(CONFIG, endpoint, Secret.of(PASSWORD), "odoo");
            assertThatThrownBy(() -> {
                try (Connection c = ConnectionFactory.open(login)) {
                    c.isValid(1);
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining(NoCleartextPassword.REFUSAL);

            String sent = squatter.received();
            assertThat(sent).as("the startup packet went through the socket").contains("odoo_admin");
            assertThat(sent).doesNotContain(PASSWORD);
        }
    }

    @Test
    void theRefusalCarriesAHintAndIsADatabaseError() throws Exception {
        PgEndpoint endpoint = PgEndpoint.unixSocket(dir, 5432);
        try (FakePostgres squatter = FakePostgres.listen(endpoint.socketFile(), FakePostgres.CLEARTEXT_REQUEST)) {
            Login login = ConnectionProfile.DAILY_MONITOR.login(CONFIG, endpoint, Secret.of(PASSWORD), "postgres");
            assertThatThrownBy(() -> ConnectionFactory.session(login).close())
                    .isInstanceOfSatisfying(odoodr.DrException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(odoodr.ExitCode.DATABASE);
                        assertThat(e.getMessage()).contains(NoCleartextPassword.REFUSAL);
                        assertThat(e.hint()).isEqualTo(NoCleartextPassword.HINT);
                    });
            assertThat(squatter.received()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void scramAndMd5RequestsGetThePasswordAFreshCopyEachTime() throws Exception {
        java.util.Properties info = new java.util.Properties();
        info.setProperty("password", PASSWORD);
        NoCleartextPassword plugin = new NoCleartextPassword(info);
        char[] first = plugin.getPassword(org.postgresql.plugin.AuthenticationRequestType.SASL);
        java.util.Arrays.fill(first, '\0');
        assertThat(plugin.getPassword(org.postgresql.plugin.AuthenticationRequestType.MD5_PASSWORD))
                .containsExactly(PASSWORD.toCharArray());
    }
}
