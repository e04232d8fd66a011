package odoodr.filestore.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalIndexTest {
    private static final String A = "aa/aa" + "0".repeat(38);
    private static final String B = "bb/bb" + "1".repeat(38);
    private static final String LEGACY = "ccc/ccc" + "2".repeat(37);

    @Test
    void oneScanFindsFilestoreFilesAndNothingElse(@TempDir Path dir) throws Exception {
        write(dir, A);
        write(dir, LEGACY);
        write(dir, "checklist/bb/bb" + "1".repeat(38));              // Odoo's GC markers
        write(dir, "bb/.rsync-partial/bb" + "1".repeat(38));         // rsync's partial dir
        write(dir, "bb/.bb" + "1".repeat(38) + ".Xy12Ab");          // rsync's temporary file
        write(dir, "dd/not-a-sha1");
        Files.createDirectories(dir.resolve("ee"));
        Files.createSymbolicLink(dir.resolve("ee/ee" + "3".repeat(38)), dir.resolve(A));
        Files.createSymbolicLink(dir.resolve("ff"), dir.resolve("aa"));

        LocalIndex index = LocalIndex.scan(dir);
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.contains(A)).isTrue();
        assertThat(index.contains(LEGACY)).isTrue();
        assertThat(index.contains(B)).isFalse();
        assertThat(index.contains("ee/ee" + "3".repeat(38))).as("symbolic link").isFalse();
    }

    @Test
    void aMissingDirectoryIsAnEmptyMirror(@TempDir Path dir) {
        assertThat(LocalIndex.scan(dir.resolve("not-there")).size()).isZero();
    }

    @Test
    void twoAndThreeCharacterDirectoriesAreDifferentFiles() {
        LocalIndex index = new LocalIndex();
        String sha = "abc" + "4".repeat(37);
        assertThat(index.add("ab/" + sha)).isTrue();
        assertThat(index.add("ab/" + sha)).isFalse();
        assertThat(index.contains("abc/" + sha)).isFalse();
        assertThat(index.contains("0ab/" + sha)).isFalse();
        assertThat(index.add("abc/" + sha)).isTrue();
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void holdsManyNamesExactly() {
        LocalIndex index = new LocalIndex();
        Set<String> names = new HashSet<>();
        Random random = new Random(42);
        while (names.size() < 200_000) {
            String sha = String.format("%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
            names.add(sha.substring(0, 2 + random.nextInt(2)) + "/" + sha);
        }
        names.forEach(index::add);
        assertThat(index.size()).isEqualTo(names.size());
        assertThat(names).allMatch(index::contains);
        for (int i = 0; i < 10_000; i++) {
            String sha = String.format("%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
            String name = sha.substring(0, 2) + "/" + sha;
            assertThat(index.contains(name)).isEqualTo(names.contains(name));
        }
    }

    @Test
    void unsafeNamesAreNeverIndexed() {
        LocalIndex index = new LocalIndex();
        assertThat(index.contains("../etc/passwd")).isFalse();
        assertThatThrownBy(() -> index.add("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void write(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, name);
    }
}
