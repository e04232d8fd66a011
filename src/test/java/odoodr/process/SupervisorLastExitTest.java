package odoodr.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A supervised child's own reason for exiting is recorded where a waiting step can read it, not only in a log. */
class SupervisorLastExitTest {
    @Test
    void theChildsExitCodeAndLastWordsAreRecordedBesideItsPidFile(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("tunnel-40000.pid");
        assertThat(Supervisor.lastExit(pidFile)).isEmpty();
        try (Supervisor s = new Supervisor("tunnel", List.of("sh", "-c",
                "echo 'Warning: noise' >&2; echo 'Host key verification failed.' >&2; exit 255"), "sh", pidFile)) {
            s.start();
            Optional<String> reason = Optional.empty();
            for (int i = 0; i < 100 && reason.isEmpty(); i++) {
                Thread.sleep(50);
                reason = Supervisor.lastExit(pidFile);
            }
            assertThat(reason).get().asString().startsWith("exited 255 at ")
                    .endsWith(": Warning: noise | Host key verification failed.");
        }
    }
}
