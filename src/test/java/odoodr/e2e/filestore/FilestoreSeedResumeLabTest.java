package odoodr.e2e.filestore;

import odoodr.lab.Poll;
import odoodr.e2e.Replica;
import odoodr.e2e.ReplicaLabTest;
import odoodr.lab.ProdLab;
import odoodr.lab.StepLines;
import odoodr.host.ServiceUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed interrupted twice — stopped (SIGTERM, as by Ctrl-C or systemctl stop) and killed (SIGKILL, as by the OOM
 * killer) — over a slow link, then resumed: never a truncated file under its final name, the sync lock held while it
 * runs and released when it dies, and after the resume every file equal to prod's, nothing left behind.
 */
class FilestoreSeedResumeLabTest extends ReplicaLabTest {
    private static final Path LOCK = ServiceUser.ODOO.home().resolve(".odoo-dr-sync.lock");
    private int prodFileCount;

    private ProdLab lab;

    /** A filestore that takes a while over a slow link. */
    @Override
    protected void prepare(ProdLab lab, Replica replica) throws IOException {
        this.lab = lab;
        replica.withOwnFilestore();
        lab.write("odoo", 3000, 8192);
        lab.write("odoo", 8, 4 * 1024 * 1024);
        prodFileCount = Mirror.prodFiles(lab, "odoo").size();
        // prod → replica at 16 Mbit/s: the seed of ~56 MB takes about half a minute
        lab.exec("tc", "qdisc", "add", "dev", "odr" + lab.id() + "p", "root", "tbf", "rate", "16mbit", "burst", "64kb",
                "latency", "500ms").requireOk();
    }

    @AfterAll
    void fullSpeed() {
        if (lab != null) {
            lab.exec("tc", "qdisc", "del", "dev", "odr" + lab.id() + "p", "root");
        }
    }

    @Test
    @Order(1)
    void stoppedSeedLeavesOnlyCompleteFilesAndReleasesTheLock(ProdLab lab) throws Exception {
        interruptSeedAt(0.3, false);
    }

    @Test
    @Order(2)
    void killedSeedLeavesOnlyCompleteFilesAndReleasesTheLock(ProdLab lab) throws Exception {
        interruptSeedAt(0.6, true);
    }

    @Test
    @Order(3)
    void resumedSeedCompletesWithEveryFileEqualToProdsAndNothingLeftBehind(ProdLab lab) throws IOException {
        Replica.Run dry = replica.run("setup", "--dry-run", "--only", "filestore");
        assertThat(dry.out()).contains("resume the interrupted copy");

        long start = System.nanoTime();
        Replica.Run r = replica.run("setup", "--only", "filestore");
        assertThat(r.code()).as(r.all()).isZero();
        System.out.printf("MEASURED filestore: resumed seed finished in %.1f s%n", (System.nanoTime() - start) / 1e9);

        Map<String, String> mirror = Mirror.localFiles(replica.filestoreDir("odoo"));
        assertThat(mirror).isEqualTo(Mirror.prodFiles(lab, "odoo"));
        assertThat(Mirror.wrongContent(mirror)).isEmpty();
        try (Stream<Path> all = Files.walk(replica.filestoreDir("odoo"))) {
            assertThat(all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")))
                    .as("no temporary file or partial-dir left").isEmpty();
        }
    }

    /** Runs the seed, interrupts its rsync when {@code fraction} of prod's files are here, and checks what is left. */
    private void interruptSeedAt(double fraction, boolean kill) throws Exception {
        Path dir = replica.filestoreDir("odoo");
        CompletableFuture<Replica.Run> setup = CompletableFuture.supplyAsync(() -> replica.run("setup", "--only", "filestore"));
        Poll.lastOf(Duration.ofMinutes(3), Duration.ofMillis(50), () -> countFiles(dir),
                here -> here >= prodFileCount * fraction || setup.isDone());
        assertThat(setup).as("the seed was still running at %.0f %%", fraction * 100).isNotDone();
        assertThat(heldHere()).as("the seed holds the sync lock").isTrue();

        List<ProcessHandle> rsyncs = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").matches(".*/(rsync|ssh)")).toList();
        assertThat(rsyncs).isNotEmpty();
        if (kill) {
            rsyncs.forEach(ProcessHandle::destroyForcibly);
        } else {
            rsyncs.stream().filter(p -> p.info().command().orElse("").endsWith("/rsync")).forEach(ProcessHandle::destroy);
        }
        Replica.Run r = setup.get(2, TimeUnit.MINUTES);
        assertThat(r.code()).as(r.all()).isEqualTo(13);
        assertThat(StepLines.of(r.out()).resultOf("initial copy of odoo's filestore")).as(r.out()).isEqualTo("FAILED");

        Map<String, String> here = Mirror.localFiles(dir);
        assertThat(Mirror.wrongContent(here)).as("no truncated file under its final name").isEmpty();
        assertThat(heldHere()).as("the lock is released when the seed dies").isFalse();
        assertThat(replica.config().filestore().localBase().resolve(".odoo-dr-seeded-odoo")).doesNotExist();
        long partial = countNamed(dir, n -> n.equals(".rsync-partial"));
        long temporary = countNamed(dir, n -> n.matches("\\.[0-9a-f]{40}\\.\\w{6}"));
        System.out.printf("MEASURED filestore: seed %s with %d of %d files here; %d partial-dir(s), %d temporary file(s) left%n",
                kill ? "killed (SIGKILL)" : "stopped (SIGTERM)", here.size(), prodFileCount, partial, temporary);
    }

    /**
     * True when this JVM holds a lock on the sync lock file (/proc/locks: "1: POSIX ADVISORY WRITE <pid>
     * <maj:min:inode> 0 EOF"). Other test JVMs may hold it too, at other times: only ours is asked about.
     */
    private static boolean heldHere() throws IOException {
        long inode = (Long) Files.getAttribute(LOCK, "unix:ino");
        String pid = Long.toString(ProcessHandle.current().pid());
        return Files.readAllLines(Path.of("/proc/locks")).stream().map(l -> l.trim().split("\\s+"))
                .anyMatch(f -> f.length > 5 && f[4].equals(pid) && f[5].endsWith(":" + inode));
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        } catch (java.io.UncheckedIOException raced) {
            return 0; // a temporary file renamed during the walk
        }
    }

    private static long countNamed(Path dir, java.util.function.Predicate<String> name) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> name.test(p.getFileName().toString())).count();
        }
    }
}
