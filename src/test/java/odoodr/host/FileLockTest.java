package odoodr.host;

import odoodr.lab.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FileLockTest {
    /** Holds an fcntl lock on argv[1] (as our FileChannel locks do), says so in argv[2], and exits after argv[3] s. */
    private static final String HOLDER = "import fcntl,sys,time\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f,fcntl.LOCK_EX)\n"
            + "open(sys.argv[2],'w').close()\ntime.sleep(float(sys.argv[3]))\n";
    /** Exit 0 when argv[1] can be locked now (and lets go at once), 1 when another process holds it. */
    private static final String PROBE = "import fcntl,sys\nf=open(sys.argv[1],'r+')\n"
            + "try:\n  fcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\nexcept OSError:\n  sys.exit(1)\n";

    @TempDir
    Path dir;

    @Test
    void theHolderWritesItsPidAndPurposeAndASecondHolderHereIsRefused() throws Exception {
        Path file = dir.resolve("lock");
        try (FileLock lock = FileLock.tryAcquire(file, "seed of odoo").orElseThrow()) {
            assertThat(FileLock.heldHere(file)).isTrue();
            assertThat(CompletableFuture.supplyAsync(() -> tryAcquire(file)).get(10, TimeUnit.SECONDS))
                    .as("another thread of this process").isEmpty();
            assertThat(FileLock.held(file)).isTrue();
            assertThat(FileLock.holder(file)).contains(ProcessHandle.current().pid() + " seed of odoo");
            assertThat(otherProcessCanLock(file)).as("looking at a lock held here keeps it held").isFalse();
        }
        assertThat(FileLock.heldHere(file)).isFalse();
        assertThat(FileLock.held(file)).isFalse();
        assertThat(otherProcessCanLock(file)).isTrue();
        // read only now: opening the file in this process while it held the lock would have dropped the lock
        assertThat(Files.readString(file)).isEqualTo(ProcessHandle.current().pid() + " seed of odoo\n");
    }

    @Test
    void withoutAPurposeTheFileHoldsThePidAlone() throws Exception {
        Path file = dir.resolve("lock");
        FileLock.tryAcquire(file, "").orElseThrow().close();
        assertThat(Files.readString(file)).isEqualTo(ProcessHandle.current().pid() + "\n");
    }

    @Test
    void aWaiterGetsTheLockWhenAnotherProcessLetsGoAndNamesItMeanwhile() throws Exception {
        Path file = dir.resolve("lock");
        Files.writeString(file, "4242 seed of odoo\n");
        Path ready = dir.resolve("ready");
        Process p = new ProcessBuilder("python3", "-c", HOLDER, file.toString(), ready.toString(), "2").inheritIO().start();
        try {
            awaitFile(ready);
            assertThat(FileLock.held(file)).isTrue();
            assertThat(FileLock.holder(file)).contains("4242 seed of odoo");
            assertThat(FileLock.holderPid(file)).contains(4242L);
            assertThat(FileLock.acquire(file, "fetch", Duration.ofMillis(300), FileLock.NewFile.DEFAULT))
                    .as("still held after the wait").isEmpty();
            try (FileLock got = FileLock.acquire(file, "fetch", Duration.ofSeconds(20), FileLock.NewFile.DEFAULT).orElseThrow()) {
                assertThat(p.waitFor(5, TimeUnit.SECONDS)).as("we got it when the other process let go").isTrue();
                assertThat(FileLock.holder(file)).contains(ProcessHandle.current().pid() + " fetch");
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aNewFileGetsTheGivenModeAndDeleteAndReleaseRemovesIt() throws Exception {
        Path file = dir.resolve("lock");
        FileLock lock = FileLock.acquire(file, "", Duration.ZERO, new FileLock.NewFile("rw-r-----", Optional.of("root")))
                .orElseThrow();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        lock.deleteAndRelease();
        assertThat(file).doesNotExist();
        assertThat(FileLock.heldHere(file)).isFalse();
    }

    private static Optional<FileLock> tryAcquire(Path file) {
        try {
            return FileLock.tryAcquire(file, "fetch");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean otherProcessCanLock(Path file) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", PROBE, file.toString()).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    private static void awaitFile(Path file) throws InterruptedException {
        Poll.within(Duration.ofSeconds(10), Duration.ofMillis(20)).until(() -> Files.exists(file));
    }
}
