package odoodr.filestore;

import odoodr.lab.Poll;
import odoodr.DrException;
import odoodr.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SyncLockTest {
    /** The owner a new lock file gets when the tests run as root: one every machine has (not odoo, which may not exist). */
    static final String OWNER = "root";

    @TempDir
    Path dir;

    @Test
    void theHolderMayTakeItAgainAndReleasesItOnlyAtTheOuterClose() throws Exception {
        Path file = dir.resolve("lock");
        try (SyncLock outer = SyncLock.acquire(file, OWNER, "sync --full", Duration.ZERO)) {
            try (SyncLock inner = SyncLock.acquire(file, OWNER, "full pass of odoo", Duration.ZERO)) {
                assertThat(SyncLock.heldHere()).isTrue();
            }
            assertThat(SyncLock.heldHere()).as("still held by the outer hold").isTrue();
            assertThat(SyncLock.holder(file)).isEqualTo("pid " + ProcessHandle.current().pid() + ", sync --full");
        }
        assertThat(SyncLock.heldHere()).isFalse();
        // read after the release: opening a file this process holds a lock on drops the lock (POSIX)
        assertThat(Files.readString(file)).startsWith(ProcessHandle.current().pid() + " sync --full");
    }

    @Test
    void anotherThreadWaitsThenGivesUpWithTheHoldersName() throws Exception {
        Path file = dir.resolve("lock");
        try (SyncLock held = SyncLock.acquire(file, OWNER, "seed of odoo", Duration.ZERO)) {
            DrException e = CompletableFuture.supplyAsync(() -> catchThrowableOfType(DrException.class,
                    () -> SyncLock.acquire(file, OWNER, "fetch", Duration.ofMillis(300)))).get(10, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.PRECONDITION);
            assertThat(e.getMessage()).contains("(pid " + ProcessHandle.current().pid() + ", seed of odoo)");
        }
        CompletableFuture.runAsync(() -> SyncLock.acquire(file, OWNER, "fetch", Duration.ZERO).close()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anotherProcessHoldingItKeepsUsOutUntilItEnds() throws Exception {
        Path file = dir.resolve("lock");
        Files.writeString(file, "4242 seed of odoo\n");
        Path ready = dir.resolve("ready");
        String holder = "import fcntl,sys,time\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f,fcntl.LOCK_EX)\n"
                + "open(sys.argv[2],'w').close()\ntime.sleep(3)\n";
        Process p = new ProcessBuilder("python3", "-c", holder, file.toString(), ready.toString()).inheritIO().start();
        try {
            Poll.within(Duration.ofSeconds(10), Duration.ofMillis(20)).until(() -> Files.exists(ready));
            DrException e = catchThrowableOfType(DrException.class, () -> SyncLock.acquire(file, OWNER, "fetch", Duration.ofMillis(300)));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("pid 4242, seed of odoo");
            try (SyncLock got = SyncLock.acquire(file, OWNER, "fetch", Duration.ofSeconds(20))) {
                // the lock goes with the holder's exit; the exit itself may still be in progress at this instant
                assertThat(p.waitFor(5, TimeUnit.SECONDS)).as("we got it when the other process let go").isTrue();
            }
        } finally {
            p.destroyForcibly();
        }
    }

    /** Security finding 1: ~odoo is odoo's; a link planted at the lock's name must not make root truncate its target. */
    @Test
    void aLockFileThatIsASymlinkIsRefusedAndItsTargetKept() throws Exception {
        Path victim = Files.writeString(Files.createDirectory(dir.resolve("root-only")).resolve("secret"), "precious\n");
        Path file = Files.createSymbolicLink(dir.resolve(".odoo-dr-sync.lock"), victim);
        DrException e = catchThrowableOfType(DrException.class,
                () -> SyncLock.acquire(file, OWNER, "seed of odoo", Duration.ZERO));
        assertThat(e.exitCode()).isEqualTo(ExitCode.PRECONDITION);
        assertThat(e.getMessage()).contains(file.toString()).contains("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(SyncLock.heldHere()).as("the in-JVM lock is let go too").isFalse();
    }
}
