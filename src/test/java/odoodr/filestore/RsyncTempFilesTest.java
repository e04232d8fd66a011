package odoodr.filestore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RsyncTempFilesTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void stalePartialDirsGoAndNothingElseNorWhatALinkPointsTo(@TempDir Path tmp) throws IOException {
        Path db = Files.createDirectories(tmp.resolve("odoo"));
        Path kept = Files.writeString(Files.createDirectories(db.resolve("01")).resolve(SHA), "complete");
        Files.writeString(Files.createDirectories(db.resolve("01/.rsync-partial")).resolve(SHA), "half");
        Files.createDirectories(db.resolve(".rsync-partial"));
        Path outside = Files.writeString(Files.createDirectories(tmp.resolve("elsewhere")).resolve("precious"), "x");
        Files.createDirectories(db.resolve("02"));
        Files.createSymbolicLink(db.resolve("02/.rsync-partial"), outside.getParent());

        assertThat(RsyncTempFiles.removeStalePartialDirs(db)).isEqualTo(2);

        assertThat(db.resolve("01/.rsync-partial")).doesNotExist();
        assertThat(db.resolve(".rsync-partial")).doesNotExist();
        assertThat(kept).hasContent("complete");
        assertThat(outside).as("a link is never followed").hasContent("x");
        assertThat(RsyncTempFiles.removeStalePartialDirs(tmp.resolve("missing"))).isZero();
    }
}
