package odoodr.prod;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The database host an Odoo container uses, as the official image's entrypoint derives it. */
class OdooDatabaseHostTest {

    @Test
    void hostEnvironmentVariable() {
        assertThat(InspectSamples.named(InspectSamples.ODOO_TAIJI, "wuchang_os_odoo_18").odooDatabaseHost())
                .contains("db");
    }

    @Test
    void dbHostArgument() {
        assertThat(odoo("\"Args\": [\"--\", \"--db_host\", \"postgres.internal\"]").odooDatabaseHost())
                .contains("postgres.internal");
        assertThat(odoo("\"Args\": [\"odoo\", \"--db_host=10.0.0.7\", \"--proxy-mode\"]").odooDatabaseHost())
                .contains("10.0.0.7");
    }

    @Test
    void hostEnvironmentWinsOverArgumentBecauseTheEntrypointAppendsIt() {
        ContainerInfo odoo = odoo("""
                "Args": ["odoo", "--db_host", "from-args"], "Config": {"Env": ["HOST=from-env"]}""");

        assertThat(odoo.odooDatabaseHost()).contains("from-env");
    }

    @Test
    void withPghostTheArgumentWins() {
        assertThat(odoo("""
                "Args": ["odoo", "--db_host", "from-args"], "Config": {"Env": ["PGHOST=pg", "HOST=ignored"]}""")
                .odooDatabaseHost()).contains("from-args");
        assertThat(odoo("\"Config\": {\"Env\": [\"PGHOST=pg\"]}").odooDatabaseHost()).contains("pg");
    }

    @Test
    void legacyLinkVariable() {
        assertThat(odoo("""
                "Args": ["odoo", "--db_host", "from-args"], "Config": {"Env": ["DB_PORT_5432_TCP_ADDR=172.17.0.2"]}""")
                .odooDatabaseHost()).as("the entrypoint appends it after the arguments").contains("172.17.0.2");
    }

    @Test
    void unknownWhenOnlyTheConfigFileCouldSay() {
        assertThat(odoo("\"Args\": [\"odoo\"], \"Config\": {\"Env\": [\"HOST=\"]}").odooDatabaseHost()).isEmpty();
        assertThat(InspectSamples.only(InspectSamples.DOCKER_JAVA_BUSYBOX).odooDatabaseHost()).isEmpty();
    }

    private static ContainerInfo odoo(String fields) {
        return InspectSamples.inline(true, fields);
    }
}
