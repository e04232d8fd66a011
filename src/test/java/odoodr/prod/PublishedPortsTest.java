package odoodr.prod;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** NetworkSettings.Ports of running containers, HostConfig.PortBindings of stopped ones. */
class PublishedPortsTest {

    @Test
    void publishedOnIpv4AndIpv6Wildcards() {
        ContainerInfo redis = InspectSamples.only(InspectSamples.SPRING_BOOT_BRIDGE);

        assertThat(redis.publishedPorts(6379, "tcp")).containsExactly(
                new PortBinding(6379, "tcp", "0.0.0.0", 32770), new PortBinding(6379, "tcp", "::", 32770));
        assertThat(redis.publishedPorts()).allMatch(PortBinding::isAllInterfaces);
        assertThat(redis.publishedPorts()).filteredOn(PortBinding::isIpv6).singleElement()
                .hasToString("[::]:32770->6379/tcp");
        assertThat(redis.publishedPorts()).filteredOn(PortBinding::isReachableOnIpv4Loopback).singleElement()
                .hasToString("0.0.0.0:32770->6379/tcp");
    }

    @Test
    void severalPortsSomeOnlyExposed() {
        ContainerInfo odoo = InspectSamples.named(InspectSamples.ODOO_LOOPBACK_DB, "odoo-prod");

        assertThat(odoo.publishedPorts()).containsExactly(
                new PortBinding(8069, "tcp", "0.0.0.0", 8069), new PortBinding(8072, "tcp", "0.0.0.0", 8072));
        assertThat(odoo.publishedPorts(8071, "tcp")).as("exposed, not published: null in Ports").isEmpty();
    }

    @Test
    void exposedButUnpublishedPortsAreNotBindings() {
        ContainerInfo gluetun = InspectSamples.only(InspectSamples.WATCHTOWER_UNPUBLISHED);

        assertThat(gluetun.running()).isTrue();
        assertThat(gluetun.publishedPorts()).isEmpty();
    }

    @Test
    void multipleBindingsOfOnePortAndUdp() {
        ContainerInfo c = InspectSamples.inline(true, """
                "NetworkSettings": {"Ports": {
                  "5432/tcp": [{"HostIp": "127.0.0.1", "HostPort": "5432"}, {"HostIp": "10.0.0.5", "HostPort": "15432"},
                               {"HostIp": "::1", "HostPort": "5432"}],
                  "53/udp": [{"HostIp": "0.0.0.0", "HostPort": "5353"}],
                  "9187": [{"HostIp": "127.0.0.1", "HostPort": "9187"}]}}""");

        assertThat(c.publishedPorts(5432, "tcp")).extracting(PortBinding::hostIp)
                .containsExactly("127.0.0.1", "10.0.0.5", "::1");
        assertThat(c.publishedPorts(53, "udp")).containsExactly(new PortBinding(53, "udp", "0.0.0.0", 5353));
        assertThat(c.publishedPorts(9187, "tcp")).as("no protocol in the key means tcp").hasSize(1);
        assertThat(c.publishedPorts(5432, "udp")).isEmpty();
    }

    @Test
    void stoppedContainerFallsBackToConfiguredBindings() {
        ContainerInfo db = InspectSamples.inline(false, """
                "HostConfig": {"NetworkMode": "odoo_default", "PortBindings": {
                  "5432/tcp": [{"HostIp": "127.0.0.1", "HostPort": "5432"}],
                  "9100/tcp": [{"HostIp": "", "HostPort": ""}],
                  "8000/tcp": [{"HostIp": "", "HostPort": "8000-8010"}]}},
                "NetworkSettings": {"Ports": {}, "Networks": {"odoo_default": {"Gateway": "", "IPAddress": ""}}}""");

        assertThat(db.running()).isFalse();
        assertThat(db.publishedPorts()).as("ephemeral and range host ports are only known once started")
                .containsExactly(new PortBinding(5432, "tcp", "127.0.0.1", 5432));
    }

    @Test
    void stoppedContainerWithNullPortsUsesPortBindingsToo() {
        ContainerInfo c = InspectSamples.inline(false, """
                "HostConfig": {"PortBindings": {"8069/tcp": [{"HostIp": "", "HostPort": "8069"}]}},
                "NetworkSettings": {"Ports": null}""");

        assertThat(c.publishedPorts()).containsExactly(new PortBinding(8069, "tcp", "", 8069));
        assertThat(c.publishedPorts().get(0).isAllInterfaces()).isTrue();
        assertThat(c.publishedPorts().get(0).isReachableOnIpv4Loopback()).isTrue();
    }

    @Test
    void runningContainerNeverUsesConfiguredBindings() {
        // host network: HostConfig asks for 6379, yet nothing is published (the process binds the host directly)
        ContainerInfo redis = InspectSamples.only(InspectSamples.SPRING_BOOT_HOST_NETWORK);

        assertThat(redis.running()).isTrue();
        assertThat(redis.publishedPorts()).isEmpty();
    }
}
