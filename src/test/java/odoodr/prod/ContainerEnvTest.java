package odoodr.prod;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Config.Env as a map whose printed form never shows a value (passwords live there). */
class ContainerEnvTest {
    private static final String SECRET = "odoo-not-a-real-secret-7Qx";

    @Test
    void valuesAreAvailableToCode() {
        ContainerInfo odoo = InspectSamples.named(InspectSamples.ODOO_LOOPBACK_DB, "odoo-prod");

        assertThat(odoo.env()).containsEntry("HOST", "db").containsEntry("USER", "odoo")
                .containsEntry("PASSWORD", SECRET).containsEntry("ODOO_RC", "/etc/odoo/odoo.conf");
        assertThat(odoo.env().keySet()).startsWith("HOST", "USER", "PASSWORD");
    }

    @Test
    void printedFormsNeverShowValuesOrArguments() {
        ContainerInfo odoo = InspectSamples.named(InspectSamples.ODOO_LOOPBACK_DB, "odoo-prod");
        ContainerInfo db = InspectSamples.named(InspectSamples.ODOO_LOOPBACK_DB, "deploy-db-1");
        ContainerInfo withPasswordArg = InspectSamples.inline(true, """
                "Args": ["odoo", "--db_password", "hunter2-arg"], "Config": {"Env": ["PASSWORD=hunter2-env"]}""");

        assertThat(odoo.env().toString()).contains("PASSWORD=<masked>").doesNotContain(SECRET);
        assertThat(odoo.toString()).contains("odoo-prod", "odoo:18.0", "/var/lib/odoo").doesNotContain(SECRET);
        assertThat(db.toString()).contains("POSTGRES_PASSWORD=<masked>").doesNotContain(SECRET);
        assertThat(withPasswordArg.toString()).doesNotContain("hunter2");
        assertThat(List.of(odoo, db).toString()).doesNotContain(SECRET);
    }

    @Test
    void emptyValuesAndMissingEnv() {
        ContainerInfo gluetun = InspectSamples.only(InspectSamples.WATCHTOWER_UNPUBLISHED);

        assertThat(gluetun.env()).containsEntry("OPENVPN_PASSWORD", "").containsEntry("SERVER_COUNTRIES", "Sweden");
        assertThat(gluetun.env().get("DOT_PRIVATE_ADDRESS")).as("split at the first '=' only")
                .startsWith("127.0.0.1/8,").endsWith("::ffff:c0a8:0/112");
        assertThat(InspectSamples.only(InspectSamples.DOCKER_JAVA_BUSYBOX).env()).as("Env: null").isEmpty();
    }

    @Test
    void laterDuplicateWinsAndBareNamesAreEmpty() {
        ContainerInfo c = InspectSamples.inline(true, """
                "Config": {"Env": ["A=1", "B", "A=2=two", "", null, 5, "=orphan"]}""");

        assertThat(c.env()).containsExactly(Map.entry("B", ""), Map.entry("A", "2=two"));
    }

    @Test
    void unmodifiable() {
        Map<String, String> env = InspectSamples.only(InspectSamples.SPRING_BOOT_BRIDGE).env();

        assertThatThrownBy(() -> env.put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> env.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
