package odoodr.host;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherTest {
    @Test
    void aDetachedOdooDrKeepsThePathAndLocaleButNeverThePasswordOrAnythingElse() {
        Map<String, String> caller = Map.of(
                "PATH", "/usr/sbin:/usr/bin", "LC_ALL", "C.UTF-8", "ODOO_DR_JAVA_OPTS", "-Xmx64m",
                "ODOO_DR_PROD_PASSWORD", "s3cret", "ODOO_DR_CONFIG", "/etc/odoo-dr/x.yaml",
                "PGPASSWORD", "other", "SSH_AUTH_SOCK", "/tmp/ssh-x/agent.1", "HOME", "/root");
        assertThat(Launcher.detachedEnvironment(caller)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PATH", "/usr/sbin:/usr/bin", "LC_ALL", "C.UTF-8", "ODOO_DR_JAVA_OPTS", "-Xmx64m"));
    }
}
