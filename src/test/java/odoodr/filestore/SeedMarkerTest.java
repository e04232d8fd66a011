package odoodr.filestore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding 11: a seed marker stands only for the prod it was copied from and the mirror directory it was copied into. */
class SeedMarkerTest {
    private static final String PROD = "7312345678901234567";

    @TempDir
    Path base;

    @Test
    void aMarkerOfThisProdAndThisMirrorStandsAndSurvivesItsOwnText() throws Exception {
        Path dir = Files.createDirectories(base.resolve("odoo"));
        Files.writeString(dir.resolve("f"), "x");
        SeedMarker marker = new SeedMarker("2026-12-03T10:00:00Z: 50 files", PROD, SeedMarker.identityOf(dir).orElseThrow(), 50);
        SeedMarker read = SeedMarker.parse(marker.text()).orElseThrow();
        assertThat(read).isEqualTo(marker);
        assertThat(read.whyNotValid(PROD, dir, true)).isEmpty();
    }

    @Test
    void aMarkerOfAnotherProdDoesNotStand() throws Exception {
        Path dir = Files.createDirectories(base.resolve("odoo"));
        SeedMarker marker = new SeedMarker("2026-12-03T10:00:00Z: 50 files", "1111", SeedMarker.identityOf(dir).orElseThrow(), 50);
        assertThat(marker.whyNotValid(PROD, dir, true)).contains(
                "the seed marker is from another prod (system 1111, this prod is " + PROD + ")");
    }

    @Test
    void aMarkerBesideAMirrorRemovedAndMadeAgainDoesNotStand() throws Exception {
        Path dir = Files.createDirectories(base.resolve("odoo"));
        Files.writeString(dir.resolve("f"), "x");
        SeedMarker marker = new SeedMarker("2026-12-03T10:00:00Z: 50 files", PROD, SeedMarker.identityOf(dir).orElseThrow(), 50);
        Files.delete(dir.resolve("f"));
        Files.delete(dir);
        assertThat(marker.whyNotValid(PROD, dir, false)).hasValueSatisfying(why -> assertThat(why).contains("is gone since the seed"));
        Files.createDirectories(dir); // may even get the old inode number back: it is empty, so it is not the seeded one
        assertThat(marker.whyNotValid(PROD, dir, false)).hasValueSatisfying(why -> assertThat(why)
                .contains("the mirror " + dir + " is not the one seeded 2026-12-03T10:00:00Z: 50 files"));
    }

    @Test
    void anOlderMarkerWithoutProdOrMirrorIsNotAMarker() {
        assertThat(SeedMarker.parse("2026-01-01T00:00:00Z: 50 files, 102400 bytes in 1.0 s")).isEmpty();
        assertThat(SeedMarker.parse("seeded: x\nprod: 1\nmirror: dev 1 inode 2\nfiles: many\n")).isEmpty();
    }
}
