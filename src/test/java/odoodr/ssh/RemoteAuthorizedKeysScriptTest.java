package odoodr.ssh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 9: the edit scripts RemoteAuthorizedKeys runs on prod, run here by sh with HOME in a temp dir: many edits
 * at once lose no line (each holds flock beside authorized_keys), and without flock(1) they refuse instead of
 * editing unlocked.
 */
class RemoteAuthorizedKeysScriptTest {
    private static final int EDITS = 24;

    @TempDir
    Path home;

    @Test
    void concurrentEditsLoseNoLine() throws Exception {
        Path keys = home.resolve(".ssh").resolve("authorized_keys");
        Files.createDirectories(keys.getParent());
        Files.writeString(keys, "ssh-ed25519 AAAAoperator operator@laptop\n");
        List<Process> all = new ArrayList<>();
        for (int i = 0; i < EDITS; i++) {
            all.add(sh(RemoteAuthorizedKeys.ENSURE, "odoo-dr-authorize", "ssh-ed25519 AAAAkey" + i + " odoo-dr-" + i, "odoo-dr-" + i));
        }
        for (Process p : all) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        }
        List<String> lines = Files.readAllLines(keys);
        assertThat(lines).hasSize(EDITS + 1).contains("ssh-ed25519 AAAAoperator operator@laptop");
        IntStream.range(0, EDITS).forEach(i -> assertThat(lines).contains("ssh-ed25519 AAAAkey" + i + " odoo-dr-" + i));

        all.clear();
        for (int i = 0; i < EDITS; i += 2) {
            all.add(sh(RemoteAuthorizedKeys.REMOVE, "odoo-dr-deauthorize", "odoo-dr-" + i));
        }
        for (Process p : all) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        assertThat(Files.readAllLines(keys)).hasSize(EDITS / 2 + 1).contains("ssh-ed25519 AAAAoperator operator@laptop")
                .contains("ssh-ed25519 AAAAkey1 odoo-dr-1").doesNotContain("ssh-ed25519 AAAAkey0 odoo-dr-0");
    }

    @Test
    void withoutFlockTheEditRefusesAndLeavesTheFileAlone() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("mkdir"), Path.of("/bin/mkdir"));
        Path keys = home.resolve(".ssh").resolve("authorized_keys");
        Files.createDirectories(keys.getParent());
        Files.writeString(keys, "ssh-ed25519 AAAAoperator operator@laptop\n");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", RemoteAuthorizedKeys.ENSURE, "odoo-dr-authorize",
                "ssh-ed25519 AAAAkey odoo-dr-x", "odoo-dr-x");
        pb.environment().put("HOME", home.toString());
        pb.environment().put("PATH", bin.toString());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(RemoteAuthorizedKeys.NO_FLOCK);
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("flock(1) is missing on prod: odoo-dr edits " + keys + " only under a lock");
        assertThat(Files.readString(keys)).isEqualTo("ssh-ed25519 AAAAoperator operator@laptop\n");
    }

    private Process sh(String script, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("HOME", home.toString());
        return pb.start();
    }
}
