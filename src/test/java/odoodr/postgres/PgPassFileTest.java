package odoodr.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import odoodr.DrException;
import odoodr.ExitCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassFileTest {
    @TempDir
    Path dir;

    private final List<PgPassEntry> pair = PgPassEntry.replicationPair("127.0.0.1", 40000, "replicator", "pw1");

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean userExists(String name) {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void missingFileReadsAsEmptyAndIsCreatedWith0600() throws IOException {
        Path path = dir.resolve(".pgpass");
        PgPassFile file = PgPassFile.at(path);
        assertThat(file.read().entries()).isEmpty();
        assertThat(file.needsUpdate(pair)).isTrue();

        assertThat(file.ensureEntries(pair)).isTrue();

        assertThat(mode(path)).isEqualTo("rw-------");
        assertThat(Files.readString(path)).isEqualTo("""
                127.0.0.1:40000:replication:replicator:pw1
                127.0.0.1:40000:*:replicator:pw1
                """);
        assertThat(file.find("127.0.0.1", 40000, "replication", "replicator")).contains(pair.get(0));
        assertThat(file.find("127.0.0.1", "40000", "postgres", "replicator")).contains(pair.get(1));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void secondEnsureIsANoOpAndDoesNotRewrite() throws IOException {
        Path path = dir.resolve(".pgpass");
        PgPassFile file = PgPassFile.at(path);
        file.ensureEntries(pair);
        FileTime before = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(path, before);
        Object inode = Files.getAttribute(path, "unix:ino");

        assertThat(file.needsUpdate(pair)).isFalse();
        assertThat(file.ensureEntries(pair)).isFalse();

        assertThat(Files.getLastModifiedTime(path)).isEqualTo(before);
        assertThat(Files.getAttribute(path, "unix:ino")).isEqualTo(inode);
    }

    @Test
    void rotationReplacesInPlaceAndIsAtomic() throws IOException {
        Path path = dir.resolve(".pgpass");
        Files.writeString(path, "# mine\nother:5432:*:odoo:keep\n127.0.0.1:40000:replication:replicator:old\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        Object inode = Files.getAttribute(path, "unix:ino");

        List<PgPassEntry> rotated = PgPassEntry.replicationPair("127.0.0.1", 40000, "replicator", "pw2");
        assertThat(PgPassFile.at(path).ensureEntries(rotated)).isTrue();

        assertThat(Files.readString(path)).isEqualTo("""
                # mine
                other:5432:*:odoo:keep
                127.0.0.1:40000:replication:replicator:pw2
                127.0.0.1:40000:*:replicator:pw2
                """);
        // replaced by rename, not rewritten in place: readers never see a half-written file
        assertThat(Files.getAttribute(path, "unix:ino")).isNotEqualTo(inode);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void tooOpenPermissionsAreFixedEvenWhenTheContentIsRight() throws IOException {
        Path path = dir.resolve(".pgpass");
        PgPassFile file = PgPassFile.at(path);
        file.ensureEntries(pair);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(file.needsUpdate(pair)).isTrue();
        assertThat(file.ensureEntries(pair)).isTrue();
        assertThat(mode(path)).isEqualTo("rw-------");
    }

    @Test
    void readOnlyForTheOwnerIsAcceptedAsSafe() throws IOException {
        Path path = dir.resolve(".pgpass");
        PgPassFile file = PgPassFile.at(path);
        file.ensureEntries(pair);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r--------"));
        assertThat(file.needsUpdate(pair)).isFalse();
    }

    @Test
    void removeEntriesRewritesOnlyWhenSomethingGoes() throws IOException {
        Path path = dir.resolve(".pgpass");
        PgPassFile file = PgPassFile.at(path);
        file.ensureEntries(List.of(new PgPassEntry("a", "1", "d", "odoo", "x")));
        file.ensureEntries(pair);

        assertThat(file.removeEntries(e -> e.user().equals("nobody"))).isZero();
        assertThat(file.removeEntries(e -> e.user().equals("replicator"))).isEqualTo(2);
        assertThat(Files.readString(path)).isEqualTo("a:1:d:odoo:x\n");
        assertThat(mode(path)).isEqualTo("rw-------");
        assertThat(PgPassFile.at(dir.resolve("absent")).removeEntries(e -> true)).isZero();
        assertThat(dir.resolve("absent")).doesNotExist();
    }

    @Test
    void emptyFieldsAreRefused() throws IOException {
        PgPassFile file = PgPassFile.at(dir.resolve(".pgpass"));
        List<PgPassEntry> bad = List.of(new PgPassEntry("h", "1", "d", "u", ""));
        assertThatThrownBy(() -> file.ensureEntries(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> file.needsUpdate(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve(".pgpass")).doesNotExist();
    }

    @Test
    void unknownOwnerFailsWithoutTouchingTheFileOrLeavingTemporaries() throws IOException {
        Path path = dir.resolve(".pgpass");
        Files.writeString(path, "keep:1:d:u:p\n");
        PgPassFile file = PgPassFile.at(path).ownedBy("no-such-user-odoodr-test");

        assertThatThrownBy(() -> file.ensureEntries(pair)).isInstanceOf(UserPrincipalNotFoundException.class);

        assertThat(Files.readString(path)).isEqualTo("keep:1:d:u:p\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void chownsToTheGivenUser() throws IOException {
        assumeTrue(isRoot() && userExists("postgres"), "needs root and a postgres user");
        Path path = dir.resolve(".pgpass");
        PgPassFile file = PgPassFile.at(path).ownedBy("postgres");

        assertThat(file.ensureEntries(pair)).isTrue();

        assertThat(Files.getOwner(path).getName()).isEqualTo("postgres");
        assertThat(mode(path)).isEqualTo("rw-------");
        assertThat(file.needsUpdate(pair)).isFalse();
        // same content, wrong owner: fixed
        Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
        assertThat(file.needsUpdate(pair)).isTrue();
        assertThat(file.ensureEntries(pair)).isTrue();
        assertThat(Files.getOwner(path).getName()).isEqualTo("postgres");
    }

    @Test
    void fileWrittenIsByteForByteWhatLibpqParses() throws IOException {
        Path path = dir.resolve(".pgpass");
        PgPassEntry tricky = new PgPassEntry("127.0.0.1", "40000", "*", "r\u00e9pl", "p:w\\1");
        PgPassFile.at(path).ensureEntries(List.of(tricky));
        assertThat(Files.readAllBytes(path))
                .isEqualTo("127.0.0.1:40000:*:r\u00e9pl:p\\:w\\\\1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(PgPassFile.at(path).find("127.0.0.1", "40000", "x", "r\u00e9pl")).contains(tricky);
    }

    @Test
    void toStringNamesPathAndOwner() {
        assertThat(PgPassFile.at(Path.of("/var/lib/postgresql/.pgpass")).ownedBy("postgres").toString())
                .isEqualTo("PgPassFile[/var/lib/postgresql/.pgpass, owner postgres]");
    }

    /** Security finding 1, the reviewer's proof: a root-owned file behind a .pgpass link became postgres's, 0600. */
    @Test
    void aPgpassThatIsASymlinkIsRefusedAndTheFileBehindItIsUntouched() throws Exception {
        Path victim = Files.writeString(Files.createDirectory(dir.resolve("root-only")).resolve("secret"), "precious\n");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(dir.resolve(".pgpass"), victim);
        PgPassFile file = isRoot() && userExists("postgres") ? PgPassFile.at(link).ownedBy("postgres") : PgPassFile.at(link);

        DrException e = catchThrowableOfType(DrException.class, () -> file.ensureEntries(pair));

        assertThat(e.exitCode()).isEqualTo(ExitCode.PRECONDITION);
        assertThat(e.getMessage()).contains(link.toString()).contains("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(mode(victim)).isEqualTo("rw-r--r--");
        assertThat(Files.getOwner(victim).getName()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void aPgpassThatIsAFifoIsRefusedInsteadOfHangingTheReader() throws Exception {
        Path fifo = dir.resolve(".pgpass");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(catchThrowableOfType(
                DrException.class, () -> PgPassFile.at(fifo).needsUpdate(pair)).exitCode()).isEqualTo(ExitCode.PRECONDITION));
    }

    @Test
    void itsLockFileThatIsASymlinkIsRefusedAndNotTruncated() throws Exception {
        Path victim = Files.writeString(Files.createDirectory(dir.resolve("root-only")).resolve("secret"), "precious\n");
        Files.createSymbolicLink(dir.resolve(".pgpass.odoo-dr-lock"), victim);
        DrException e = catchThrowableOfType(DrException.class,
                () -> PgPassFile.at(dir.resolve(".pgpass")).ensureEntries(pair));
        assertThat(e.exitCode()).isEqualTo(ExitCode.PRECONDITION);
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(dir.resolve(".pgpass")).doesNotExist();
    }
}
