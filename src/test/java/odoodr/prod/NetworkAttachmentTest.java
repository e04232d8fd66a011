package odoodr.prod;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Container networks and their gateways: the source address pg_hba.conf sees (runbook gotcha 11). */
class NetworkAttachmentTest {

    @Test
    void composeNetworkGateway() {
        assertThat(InspectSamples.only(InspectSamples.SPRING_BOOT_BRIDGE).gateways()).containsExactly("192.168.32.1");
        assertThat(InspectSamples.only(InspectSamples.WATCHTOWER_UNPUBLISHED).gateways()).containsExactly("172.19.0.1");
        assertThat(InspectSamples.named(InspectSamples.ODOO_TAIJI, "wuchang_os_pg").gateways())
                .containsExactly("172.18.0.1");
    }

    @Test
    void defaultBridge() {
        ContainerInfo busybox = InspectSamples.only(InspectSamples.DOCKER_JAVA_BUSYBOX);

        assertThat(busybox.networkMode()).isEqualTo("default");
        assertThat(busybox.networks()).containsExactly(new NetworkAttachment("bridge", "172.17.0.2", 16, "172.17.0.1"));
        assertThat(busybox.networks().get(0).subnet()).contains("172.17.0.0/16");
    }

    @Test
    void subnetFromAddressAndPrefix() {
        NetworkAttachment compose = InspectSamples.only(InspectSamples.SPRING_BOOT_BRIDGE).networks().get(0);

        assertThat(compose.subnet()).contains("192.168.32.0/20");
        assertThat(new NetworkAttachment("n", "10.1.2.3", 32, "").subnet()).contains("10.1.2.3/32");
        assertThat(new NetworkAttachment("n", "10.1.2.3", 0, "").subnet()).isEmpty();
        assertThat(new NetworkAttachment("n", "fd00::2", 64, "").subnet()).isEmpty();
        assertThat(new NetworkAttachment("n", "300.1.2.3", 8, "").subnet()).isEmpty();
    }

    @Test
    void stoppedOrHostNetworkedContainersHaveNoGateway() {
        ContainerInfo stopped = InspectSamples.only(InspectSamples.WATCHTOWER_STOPPED);
        ContainerInfo host = InspectSamples.only(InspectSamples.SPRING_BOOT_HOST_NETWORK);

        assertThat(stopped.networks()).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("bridge");
            assertThat(n.gatewayAddress()).isEmpty();
            assertThat(n.subnet()).isEmpty();
        });
        assertThat(stopped.gateways()).isEmpty();
        assertThat(host.gateways()).isEmpty();
    }

    @Test
    void severalNetworks() {
        ContainerInfo c = InspectSamples.inline(true, """
                "NetworkSettings": {"Networks": {
                  "odoo_default": {"IPAddress": "172.18.0.2", "IPPrefixLen": 16, "Gateway": "172.18.0.1"},
                  "monitoring": {"IPAddress": "172.30.0.5", "IPPrefixLen": 24, "Gateway": "172.30.0.1"},
                  "odoo_backend": {"IPAddress": "172.18.1.2", "IPPrefixLen": 16, "Gateway": "172.18.0.1"}}}""");

        assertThat(c.networks()).extracting(NetworkAttachment::name)
                .containsExactly("odoo_default", "monitoring", "odoo_backend");
        assertThat(c.gateways()).containsExactly("172.18.0.1", "172.30.0.1");
    }
}
