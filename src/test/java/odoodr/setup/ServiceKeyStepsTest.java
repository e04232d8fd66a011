package odoodr.setup;

import odoodr.ssh.ServiceKeyRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One Ensure and one Authorize step for the three key roles, with the ids and titles setup always showed. */
class ServiceKeyStepsTest {
    @Test
    void idsAndTitlesPerRole() {
        assertThat(new EnsureServiceKeyStep(ServiceKeyRole.TUNNEL).id()).isEqualTo("tunnel-key");
        assertThat(new EnsureServiceKeyStep(ServiceKeyRole.TUNNEL).title()).isEqualTo("tunnel key of the postgres user");
        assertThat(new AuthorizeServiceKeyStep(ServiceKeyRole.TUNNEL).id()).isEqualTo("tunnel-key-authorized");
        assertThat(new AuthorizeServiceKeyStep(ServiceKeyRole.TUNNEL).title())
                .isEqualTo("tunnel key authorised on prod (forwarding only)");

        assertThat(new EnsureServiceKeyStep(ServiceKeyRole.MONITOR).id()).isEqualTo("monitor-key");
        assertThat(new EnsureServiceKeyStep(ServiceKeyRole.MONITOR).title()).isEqualTo("monitor key of the postgres user");
        assertThat(new AuthorizeServiceKeyStep(ServiceKeyRole.MONITOR).id()).isEqualTo("monitor-key-authorized");
        assertThat(new AuthorizeServiceKeyStep(ServiceKeyRole.MONITOR).title())
                .isEqualTo("monitor key authorised on prod (df only)");

        assertThat(new EnsureServiceKeyStep(ServiceKeyRole.FILESTORE).id()).isEqualTo("filestore-key");
        assertThat(new EnsureServiceKeyStep(ServiceKeyRole.FILESTORE).title()).isEqualTo("filestore key of the odoo user");
        assertThat(new AuthorizeServiceKeyStep(ServiceKeyRole.FILESTORE).id()).isEqualTo("filestore-key-authorized");
        assertThat(new AuthorizeServiceKeyStep(ServiceKeyRole.FILESTORE).title())
                .isEqualTo("filestore key authorised on prod (read-only rsync)");
    }

    @Test
    void theDatabaseHalfStartsWithTheTunnelKeyThenTheMonitorKey() {
        assertThat(DatabaseSetup.steps().subList(0, 4)).extracting(s -> s.id())
                .containsExactly("tunnel-key", "tunnel-key-authorized", "monitor-key", "monitor-key-authorized");
    }
}
