package odoodr.host;

import odoodr.DrException;
import odoodr.ExitCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Finding 1 of the security issue: root must never follow a link, open a FIFO or write through a directory another
 * user may change. Each case plants what a service user could plant in its own directory and checks that the
 * root-owned victim is untouched and the refusal names the path.
 */
class GuardedDirectoryTest {
    private static final byte[] CONTENT = "secret line\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private Path victim;
    private PosixFileAttributes victimBefore;

    @BeforeEach
    void plantVictim() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("root-only"));
        victim = elsewhere.resolve("victim");
        Files.writeString(victim, "precious\n");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
        victimBefore = Files.readAttributes(victim, PosixFileAttributes.class);
    }

    private void assertVictimUntouched() throws Exception {
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        PosixFileAttributes now = Files.readAttributes(victim, PosixFileAttributes.class);
        assertThat(now.owner()).isEqualTo(victimBefore.owner());
        assertThat(now.group()).isEqualTo(victimBefore.group());
        assertThat(now.permissions()).isEqualTo(victimBefore.permissions());
    }

    private static void assertRefused(Throwable e, Path where) {
        assertThat(e).isInstanceOf(DrException.class);
        DrException dr = (DrException) e;
        assertThat(dr.exitCode()).isEqualTo(ExitCode.PRECONDITION);
        assertThat(dr.getMessage()).contains("refusing to use " + where);
        assertThat(dr.hint()).contains("remove " + where).contains("trying to get root");
    }

    @Test
    void aSymlinkedTargetIsRefusedAndWhatItPointsToIsUntouched() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve(".pgpass"), victim);
        assertThatThrownBy(() -> AtomicFile.write(link, CONTENT, AtomicFile.OWNER_READ_WRITE, Optional.empty()))
                .satisfies(e -> assertRefused(e, link)).hasMessageContaining("symbolic link");
        assertVictimUntouched();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aSymlinkPlantedAtTheTemporaryNameIsRefused() throws Exception {
        Path target = dir.resolve("known_hosts");
        Path tmp = Files.createSymbolicLink(dir.resolve(AtomicFile.temporaryName("known_hosts")), victim);
        assertThatThrownBy(() -> AtomicFile.write(target, CONTENT, AtomicFile.OWNER_READ_WRITE, Optional.empty()))
                .satisfies(e -> assertRefused(e, tmp));
        assertVictimUntouched();
        assertThat(target).doesNotExist();
    }

    @Test
    void aFifoAtTheTargetIsRefusedNotReplacedAndReadingItDoesNotHang() throws Exception {
        Path fifo = mkfifo(dir.resolve("postgresql.auto.conf"));
        assertThatThrownBy(() -> AtomicFile.write(fifo, CONTENT, AtomicFile.OWNER_READ_WRITE, Optional.empty()))
                .satisfies(e -> assertRefused(e, fifo)).hasMessageContaining("not a regular file");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> AtomicFile.readIfExists(fifo))
                .satisfies(e -> assertRefused(e, fifo)));
        assertThat(Files.readAttributes(fifo, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
    }

    @Test
    void aSymlinkedParentDirectoryIsRefused() throws Exception {
        Path sshDir = Files.createSymbolicLink(dir.resolve(".ssh"), victim.getParent());
        assertThatThrownBy(() -> AtomicFile.write(sshDir.resolve("victim"), CONTENT, AtomicFile.OWNER_READ_WRITE,
                Optional.empty())).satisfies(e -> assertRefused(e, sshDir));
        assertVictimUntouched();
    }

    @Test
    void aParentDirectoryOwnedByAnotherUserIsRefused() throws Exception {
        assumeTrue(ServiceUser.runningAsRoot(), "needs root to give the directory away");
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        AtomicFile.setOwner(theirs, "nobody");
        assertThatThrownBy(() -> AtomicFile.write(theirs.resolve("file"), CONTENT, AtomicFile.OWNER_READ_WRITE,
                Optional.empty())).isInstanceOfSatisfying(DrException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.PRECONDITION);
                    assertThat(e.getMessage()).contains("refusing to write in " + theirs).contains("owned by nobody");
                    assertThat(e.hint()).contains("chown").contains("trying to get root");
                });
        AtomicFile.write(theirs.resolve("file"), CONTENT, AtomicFile.OWNER_READ_WRITE, Optional.of("nobody"));
        assertThat(Files.getOwner(theirs.resolve("file")).getName()).as("written for the directory's owner")
                .isEqualTo("nobody");
    }

    @Test
    void aRealFileIsStillReplacedAtomicallyWithItsModeAndNoTemporaryLeft() throws Exception {
        Path file = dir.resolve(".pgpass");
        Files.writeString(file, "old\n");
        AtomicFile.write(file, CONTENT, AtomicFile.OWNER_READ_WRITE, Optional.empty());
        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(AtomicFile.OWNER_READ_WRITE);
        try (var names = Files.list(dir)) {
            assertThat(names.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(".pgpass", "root-only");
        }
        assertThat(AtomicFile.readIfExists(file)).hasValueSatisfying(b -> assertThat(b).isEqualTo(CONTENT));
        assertThat(AtomicFile.readIfExists(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void aLockFileThatIsASymlinkIsRefusedAndItsTargetNotTruncated() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve(".odoo-dr-sync.lock"), victim);
        assertThatThrownBy(() -> FileLock.tryAcquire(link, "seed")).satisfies(e -> assertRefused(e, link));
        assertThatThrownBy(() -> FileLock.held(link)).satisfies(e -> assertRefused(e, link));
        assertVictimUntouched();
    }

    @Test
    void aLockFileThatIsAFifoIsRefusedWithoutHanging() throws Exception {
        Path fifo = mkfifo(dir.resolve(".pgpass.odoo-dr-lock"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> FileLock.tryAcquire(fifo, "pgpass update")).satisfies(e -> assertRefused(e, fifo));
            assertThatThrownBy(() -> FileLock.held(fifo)).satisfies(e -> assertRefused(e, fifo));
        });
    }

    @Test
    void ensuringADirectoryThatIsASymlinkRefusesAndLeavesItsTargetAlone() throws Exception {
        Path target = victim.getParent();
        var before = Files.readAttributes(target, PosixFileAttributes.class);
        Path link = Files.createSymbolicLink(dir.resolve(".ssh"), target);
        assertThatThrownBy(() -> DirectoryTree.ensure(link, "rwx------", Optional.empty()))
                .satisfies(e -> assertRefused(e, link));
        assertThat(Files.readAttributes(target, PosixFileAttributes.class).permissions()).isEqualTo(before.permissions());
    }

    @Test
    void ensureMakesMissingParentsAndGivesTheModeLikeInstallD() throws Exception {
        Path made = dir.resolve("a/b/partial");
        DirectoryTree.ensure(made, "rwx------", Optional.empty());
        assertThat(Files.getPosixFilePermissions(made)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(made.getParent())).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        DirectoryTree.ensure(made, "rwxr-x---", Optional.empty());
        assertThat(Files.getPosixFilePermissions(made)).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    }

    @Test
    void deletingATreeRemovesALinkInItButNeverWhatItPointsTo() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("main.odoo-dr-partial/base"));
        Files.writeString(tree.resolve("1"), "x");
        Files.createSymbolicLink(tree.resolve("escape"), victim.getParent());
        DirectoryTree.delete(dir.resolve("main.odoo-dr-partial"));
        assertThat(dir.resolve("main.odoo-dr-partial")).doesNotExist();
        assertVictimUntouched();
    }

    static Path mkfifo(Path path) throws Exception {
        Process p = new ProcessBuilder(List.of("mkfifo", path.toString())).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return path;
    }
}
