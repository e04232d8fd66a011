package odoodr.postgres;

import odoodr.config.PgEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class PrimaryConnInfoTest {
    private static final Path PASSFILE = Path.of("/var/lib/postgresql/.pgpass");
    private static final PgEndpoint TUNNEL = PgEndpoint.unixSocket(Path.of("/run/odoo-dr/tunnel-40000"), 40000);

    @Test
    void runbookShapeWithoutPassword() {
        String conninfo = PrimaryConnInfo.builder("replicator", PASSFILE, TUNNEL).replicaName("prd_vnic").build();
        assertThat(conninfo).isEqualTo("user=replicator passfile='/var/lib/postgresql/.pgpass' host='/run/odoo-dr/tunnel-40000' "
                + "port=40000 application_name=prd_vnic_replica sslmode=disable");
        assertThat(ConnInfo.containsPassword(conninfo)).isFalse();
    }

    @Test
    void parsesBackToTheSameParameters() {
        String conninfo = PrimaryConnInfo.builder("repl user", Path.of("/srv/it's/.pgpass"),
                        PgEndpoint.unixSocket(Path.of("/run/odoo-dr/tunnel-40001"), 40001))
                .replicaName("prd-vnic")
                .build();
        assertThat(ConnInfo.parse(conninfo)).containsExactly(
                entry("user", "repl user"),
                entry("passfile", "/srv/it's/.pgpass"),
                entry("host", "/run/odoo-dr/tunnel-40001"),
                entry("port", "40001"),
                entry("application_name", "prd-vnic_replica"),
                entry("sslmode", "disable"));
    }

    @Test
    void survivesTheConfigFileQuotingToo() {
        String conninfo = PrimaryConnInfo.builder("replicator", Path.of("/odd\\dir/it's"), TUNNEL).build();
        AutoConf conf = AutoConf.newFile().set(AutoConf.PRIMARY_CONNINFO, conninfo);
        String reread = AutoConf.parse(conf.render()).get(AutoConf.PRIMARY_CONNINFO).orElseThrow();
        assertThat(ConnInfo.parse(reread)).containsEntry("passfile", "/odd\\dir/it's");
    }

    @Test
    void applicationNameIsOptional() {
        assertThat(PrimaryConnInfo.builder("r", PASSFILE, PgEndpoint.loopback(1)).build()).doesNotContain("application_name");
    }

    @Test
    void theHostIsTheEndpointsAndSslModeAndExtraOptionsAreOverridable() {
        String conninfo = PrimaryConnInfo.builder("r", PASSFILE, PgEndpoint.loopback(40000))
                .sslMode("require")
                .option("connect_timeout", "10")
                .option("options", "-c wal_sender_timeout=5s")
                .build();
        assertThat(ConnInfo.parse(conninfo))
                .containsEntry("host", "127.0.0.1")
                .containsEntry("sslmode", "require")
                .containsEntry("connect_timeout", "10")
                .containsEntry("options", "-c wal_sender_timeout=5s");
        assertThat(conninfo).endsWith("connect_timeout=10 options='-c wal_sender_timeout=5s'");
    }

    @Test
    void passwordCanNeverBeAdded() {
        assertThatThrownBy(() -> PrimaryConnInfo.builder("r", PASSFILE, PgEndpoint.loopback(1)).option("password", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passfile");
        assertThatThrownBy(() -> PrimaryConnInfo.builder("r", PASSFILE, PgEndpoint.loopback(1)).option("PASSWORD", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrimaryConnInfo.builder("r", PASSFILE, PgEndpoint.loopback(1)).option("host", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrimaryConnInfo.builder("r", PASSFILE, PgEndpoint.loopback(1)).option("bad key", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidInputsAreRejected() {
        assertThatThrownBy(() -> PrimaryConnInfo.builder("r", Path.of(".pgpass"), PgEndpoint.loopback(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> PrimaryConnInfo.builder("", PASSFILE, PgEndpoint.loopback(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrimaryConnInfo.builder("r", PASSFILE, PgEndpoint.loopback(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrimaryConnInfo.builder("r", PASSFILE, PgEndpoint.loopback(65536)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrimaryConnInfo.builder("r", PASSFILE, PgEndpoint.loopback(1)).sslMode("on"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verify-full");
    }

    @Test
    void applicationNameMustSurvivePostgresUnchanged() {
        PrimaryConnInfo.Builder builder = PrimaryConnInfo.builder("r", PASSFILE, PgEndpoint.loopback(1));
        assertThatThrownBy(() -> builder.applicationName("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.applicationName("tab\there")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.replicaName("x".repeat(56))).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.replicaName("x".repeat(55)).build()).contains("x".repeat(55) + "_replica");
    }

    @Test
    void applicationNameFor() {
        assertThat(PrimaryConnInfo.applicationNameFor("prd-vnic")).isEqualTo("prd-vnic_replica");
    }
}
