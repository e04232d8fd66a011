package odoodr.host;

import odoodr.DrException;
import odoodr.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding 9 (concurrency): one state lock per host, held by a real second process, named when refused, gone with kill -9. */
class StateLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondCommandIsRefusedNamingTheHolderAndGetsTheLockOnceTheHolderIsKilled() throws Exception {
        Path file = dir.resolve("run").resolve("state.lock");
        Process holder = StateLockHolder.start(file, "setup");
        try {
            assertThatThrownBy(() -> StateLock.acquire(file, "decommission"))
                    .isInstanceOfSatisfying(DrException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.PRECONDITION);
                        assertThat(e.getMessage()).startsWith("decommission refused: pid " + holder.pid() + " (odoo-dr setup, started 20")
                                .contains("is changing this host's state (lock " + file + ")");
                        assertThat(e.hint()).contains("wait until it has ended");
                    });
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("nobody but root may open it (a shared lock would stop every setup)").isEqualTo("rw-------");

            holder.destroyForcibly(); // SIGKILL: no finally, no shutdown hook runs in the holder
            assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            try (StateLock lock = StateLock.acquire(file, "decommission")) {
                assertThat(FileLock.holder(file).orElseThrow()).startsWith(ProcessHandle.current().pid() + " odoo-dr decommission, started ");
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void theSameProcessCannotTakeItTwice() {
        Path file = dir.resolve("state.lock");
        try (StateLock first = StateLock.acquire(file, "setup")) {
            assertThatThrownBy(() -> StateLock.acquire(file, "promote")).isInstanceOf(DrException.class)
                    .hasMessageContaining("promote refused: pid " + ProcessHandle.current().pid() + " (odoo-dr setup");
        }
        StateLock.acquire(file, "promote").close();
    }
}
