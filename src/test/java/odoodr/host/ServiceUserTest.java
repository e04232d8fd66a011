package odoodr.host;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceUserTest {
    @Test
    void setprivSwitchesUserAndGroupsAndResetsTheEnvironmentThenExecsTheProgram() {
        assertThat(ServiceUser.POSTGRES.throughSetpriv(List.of("ssh", "-N", "--", "prod")))
                .containsExactly("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--reset-env",
                        "--", "ssh", "-N", "--", "prod");
    }

    @Test
    void asRootTheProgramRunsThroughSetprivOtherwiseAsItIs() {
        List<String> argv = List.of("rsync", "--version");
        assertThat(ServiceUser.ODOO.as(argv))
                .isEqualTo(ServiceUser.runningAsRoot() ? ServiceUser.ODOO.throughSetpriv(argv) : argv);
    }
}
