package odoodr.prod;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where on the prod host (at 127.0.0.1) a PostgreSQL container answers: what the SSH tunnel forwards to. */
class PostgresHostPortTest {

    @Test
    void publishedOnLoopback() {
        ContainerInfo db = InspectSamples.named(InspectSamples.ODOO_LOOPBACK_DB, "deploy-db-1");

        assertThat(db.postgresListenPort()).isEqualTo(5432);
        assertThat(db.postgresHostPort()).hasValue(5432);
    }

    @Test
    void notPublished() {
        ContainerInfo db = InspectSamples.named(InspectSamples.ODOO_TAIJI, "wuchang_os_pg");

        assertThat(db.postgresHostPort()).isEmpty();
    }

    @Test
    void publishedOnAllInterfacesIpv4AndIpv6() {
        ContainerInfo db = postgresWithPorts("""
                "5432/tcp": [{"HostIp": "0.0.0.0", "HostPort": "15432"}, {"HostIp": "::", "HostPort": "15432"}]""");

        assertThat(db.postgresHostPort()).hasValue(15432);
    }

    @Test
    void loopbackPreferredOverWildcard() {
        ContainerInfo db = postgresWithPorts("""
                "5432/tcp": [{"HostIp": "0.0.0.0", "HostPort": "25432"}, {"HostIp": "127.0.0.1", "HostPort": "5433"}]""");

        assertThat(db.postgresHostPort()).hasValue(5433);
    }

    @Test
    void publishedOnlyOnIpv6OrAnotherAddressIsNotReachableAtLoopback() {
        ContainerInfo ipv6Only = postgresWithPorts("""
                "5432/tcp": [{"HostIp": "::", "HostPort": "5432"}]""");
        ContainerInfo lanOnly = postgresWithPorts("""
                "5432/tcp": [{"HostIp": "10.0.0.5", "HostPort": "5432"}, {"HostIp": "::1", "HostPort": "5432"}]""");

        assertThat(ipv6Only.postgresHostPort()).isEmpty();
        assertThat(ipv6Only.publishedPorts(5432, "tcp")).hasSize(1);
        assertThat(lanOnly.postgresHostPort()).isEmpty();
    }

    @Test
    void otherPublishedPortsAreIgnored() {
        ContainerInfo db = postgresWithPorts("""
                "9187/tcp": [{"HostIp": "127.0.0.1", "HostPort": "9187"}],
                "5432/udp": [{"HostIp": "127.0.0.1", "HostPort": "5432"}]""");

        assertThat(db.postgresHostPort()).isEmpty();
    }

    @Test
    void nonDefaultListenPortFromCommandLine() {
        ContainerInfo db = InspectSamples.inline(true, """
                "Args": ["postgres", "-c", "port=5433", "-c", "max_connections=200"],
                "NetworkSettings": {"Ports": {"5433/tcp": [{"HostIp": "127.0.0.1", "HostPort": "55433"}],
                                              "5432/tcp": null}}""");

        assertThat(db.postgresListenPort()).isEqualTo(5433);
        assertThat(db.postgresHostPort()).hasValue(55433);
    }

    @Test
    void listenPortFromDashPOrPgport() {
        assertThat(InspectSamples.inline(true, "\"Args\": [\"postgres\", \"-p\", \"6543\"]").postgresListenPort())
                .isEqualTo(6543);
        assertThat(InspectSamples.inline(true, "\"Args\": [\"postgres\", \"--port=6544\"]").postgresListenPort())
                .isEqualTo(6544);
        assertThat(InspectSamples.inline(true, "\"Config\": {\"Env\": [\"PGPORT=6545\"]}").postgresListenPort())
                .isEqualTo(6545);
        assertThat(InspectSamples.inline(true, "\"Args\": [\"postgres\", \"-p\", \"nope\"]").postgresListenPort())
                .isEqualTo(5432);
    }

    @Test
    void hostNetworkListensOnTheHostDirectly() {
        ContainerInfo db = InspectSamples.inline(true, """
                "Args": ["postgres", "-c", "port=5439"], "HostConfig": {"NetworkMode": "host", "PortBindings": {}},
                "NetworkSettings": {"Ports": {}, "Networks": {"host": {"Gateway": "", "IPAddress": ""}}}""");

        assertThat(db.postgresHostPort()).hasValue(5439);
    }

    @Test
    void stoppedContainerUsesItsConfiguredBinding() {
        ContainerInfo db = InspectSamples.inline(false, """
                "HostConfig": {"PortBindings": {"5432/tcp": [{"HostIp": "127.0.0.1", "HostPort": "5432"}]}},
                "NetworkSettings": {"Ports": {}}""");

        assertThat(db.postgresHostPort()).hasValue(5432);
    }

    private static ContainerInfo postgresWithPorts(String ports) {
        return InspectSamples.inline(true, "\"Args\": [\"postgres\"], \"NetworkSettings\": {\"Ports\": {" + ports + "}}");
    }
}
