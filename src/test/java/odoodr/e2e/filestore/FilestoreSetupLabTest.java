package odoodr.e2e.filestore;

import odoodr.lab.Poll;
import odoodr.ssh.ServiceKeyRole;
import odoodr.DrException;
import odoodr.e2e.Replica;
import odoodr.e2e.ReplicaLabTest;
import odoodr.filestore.FilestoreTransport;
import odoodr.filestore.TransferResult;
import odoodr.lab.ProdLab;
import odoodr.lab.StepLines;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;
import odoodr.host.ServiceUser;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * From nothing to a mirror of the lab's filestore with `setup --only filestore` (no standby needed), then what it
 * must guarantee: same files as prod, odoo's and 0750/0640, rsync never root, a key that can only read, no deletion
 * propagated by `sync --full`, `fetch` of exactly the named files (and of names prod lacks only), and a second
 * setup that changes nothing.
 */
class FilestoreSetupLabTest extends ReplicaLabTest {
    private static final int SEED_FILES = 3000;
    private Set<String> rsyncUsersDuringSetup = Set.of();

    /** Its own mirror and a filestore of a few thousand files. */
    @Override
    protected void prepare(ProdLab lab, Replica replica) throws IOException {
        replica.withOwnFilestore();
        lab.write("odoo", SEED_FILES);
    }

    @Test
    @Order(1)
    void dryRunChangesNothingHereOrOnProd(ProdLab lab) {
        boolean odooExistedBefore = Files.exists(ServiceUser.ODOO.home()); // another test class may use it
        Replica.Run r = replica.run("setup", "--dry-run", "--only", "filestore");
        assertThat(r.code()).as(r.all()).isZero();
        StepLines steps = StepLines.of(r.out());
        assertThat(steps.resultOf("filestore key of the odoo user")).as(r.out()).isEqualTo("would do");
        assertThat(steps.resultOf("initial copy of odoo's filestore")).as(r.out()).isEqualTo("would do");
        assertThat(r.out()).contains("setup --dry-run: dry run, nothing changed");
        if (!odooExistedBefore) {
            assertThat(steps.resultOf("local user odoo, owner of the filestore mirror")).as(r.out()).isEqualTo("would do");
            assertThat(ServiceUser.ODOO.home()).doesNotExist();
            assertThat(new ProcessRunner().runAllowingFailure(Command.of("getent", "passwd", "odoo")
                    .timeout(Duration.ofSeconds(10)).build()).exitCode()).as("no odoo user").isNotZero();
        }
        assertThat(ServiceKeyRole.FILESTORE.privateKey(replica.config())).doesNotExist();
        assertThat(replica.filestoreDir("odoo")).doesNotExist();
        assertThat(authorizedKeys(lab)).doesNotContain("odoo-dr-filestore@");
    }

    @Test
    @Order(2)
    void setupSeedsAMirrorEqualToProd(ProdLab lab) {
        long start = System.nanoTime();
        Replica.Run r;
        try (Mirror.RsyncUsers sampler = new Mirror.RsyncUsers()) {
            r = replica.run("setup", "--only", "filestore");
            rsyncUsersDuringSetup = sampler.users();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(StepLines.of(r.out()).resultOf("initial copy of odoo's filestore")).as(r.out()).isEqualTo("done");
        assertThat(r.out()).contains("setup: all steps ok");
        assertThat(r.err()).contains("seed odoo: 100%");

        Map<String, String> prod = Mirror.prodFiles(lab, "odoo");
        Map<String, String> mirror = Mirror.localFiles(replica.filestoreDir("odoo"));
        assertThat(prod).hasSizeGreaterThan(2 * SEED_FILES); // each attachment: its file and its checklist marker
        assertThat(mirror).isEqualTo(prod);
        assertThat(Mirror.wrongContent(mirror)).isEmpty();
        System.out.printf("MEASURED filestore: setup --only filestore seeding %d files (%d attachments of 2 KiB + markers)"
                + " took %.1f s wall clock, including preflight; seed marker: %s%n", prod.size(), SEED_FILES, seconds,
                readQuietly(replica.config().filestore().localBase().resolve(".odoo-dr-seeded-odoo")));
    }

    @Test
    @Order(3)
    void mirrorIsOdoosWithPrivateModesAndRsyncNeverRanAsRoot() throws IOException {
        assertThat(rsyncUsersDuringSetup).as("users of the local rsyncs sampled during setup").containsExactly("odoo");
        Path dir = replica.filestoreDir("odoo");
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> all = Files.walk(replica.config().filestore().localBase())) {
            all.forEach(p -> {
                try {
                    PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
                    String mode = PosixFilePermissions.toString(a.permissions());
                    String expected = a.isDirectory() ? "rwxr-x---" : "rw-r-----";
                    if (!a.owner().getName().equals("odoo") || !a.group().getName().equals("odoo") || !mode.equals(expected)) {
                        wrong.add(p + " " + a.owner().getName() + ":" + a.group().getName() + " " + mode);
                    }
                } catch (IOException e) {
                    wrong.add(p + " " + e);
                }
            });
        }
        assertThat(wrong).isEmpty();
        assertThat(Files.getOwner(ServiceUser.ODOO.home()).getName()).isEqualTo("odoo");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ServiceUser.ODOO.home()))).isEqualTo("rwxr-x---");
        assertThat(dir).isDirectory();
    }

    @Test
    @Order(4)
    void secondSetupIsANoOp() {
        Replica.Run r = replica.run("setup", "--only", "filestore");
        assertThat(r.code()).as(r.all()).isZero();
        StepLines steps = StepLines.of(r.out());
        assertThat(steps.with("done")).as(r.out()).isEmpty();
        assertThat(r.out()).doesNotContain("would do").doesNotContain("FAILED").contains("setup: all steps ok");
        for (String step : List.of("local user odoo, owner of the filestore mirror", "filestore key authorised on prod (read-only rsync)", "initial copy of odoo's filestore")) {
            assertThat(steps.resultOf(step)).as(r.out()).isEqualTo("ok");
        }
        assertThat(r.err()).doesNotContain("seed odoo:");
    }

    @Test
    @Order(5)
    void theFilestoreKeyGetsNoShellCannotLeaveTheFilestoreAndCannotWrite(ProdLab lab) throws IOException {
        List<String> ssh = filestoreKeySsh(lab);
        String dest = lab.sshUser() + "@" + lab.sshHost();

        ProcessResult shell = run(concat(ssh, dest, "id; echo SHELL-OK"));
        assertThat(shell.exitCode()).isNotZero();
        assertThat(shell.stdout()).doesNotContain("SHELL-OK").doesNotContain("uid=");
        ProcessResult login = run(concat(ssh, dest));
        assertThat(login.exitCode()).isNotZero();
        assertThat(login.stdout()).doesNotContain("uid=");

        String e = String.join(" ", ssh);
        ProcessResult up = run(List.of("rsync", "--list-only", "-e", e, dest + ":../"));
        assertThat(up.exitCode()).as("listing ..").isNotZero();
        assertThat(up.stdout()).doesNotContain("odoo_db-data").doesNotContain("filestore");
        assertThat(up.stderr()).contains("do not use ..");
        ProcessResult absolute = run(List.of("rsync", "--list-only", "-e", e, dest + ":/etc/"));
        assertThat(absolute.stdout()).doesNotContain("passwd");

        Path got = Files.createTempDirectory(dir, "escape");
        ProcessResult escape = run(List.of("rsync", "-t", "--from0", "--files-from=-", "-e", e, dest + ":odoo/",
                got + "/"), "../../../../../../etc/passwd\0../../odoo_db-data/_data/PG_VERSION\0");
        assertThat(escape.exitCode()).isNotZero();
        try (Stream<Path> files = Files.walk(got)) {
            assertThat(files.filter(Files::isRegularFile)).as("nothing from outside the filestore").isEmpty();
        }

        Path payload = dir.resolve("written-through-the-filestore-key");
        Files.writeString(payload, "must never reach prod");
        ProcessResult write = run(List.of("rsync", "-t", "-e", e, payload.toString(), dest + ":odoo/"));
        assertThat(write.exitCode()).isNotZero();
        assertThat(write.stderr()).contains("read-only");
        assertThat(lab.exec("sh", "-c", "find \"$0\" -name written-through-the-filestore-key", lab.filestorePath())
                .stdout()).isEmpty();
    }

    @Test
    @Order(6)
    void aFileDeletedOnProdStaysInTheMirrorAfterAFullPass(ProdLab lab) {
        String gone = lab.sql("SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL ORDER BY id LIMIT 1 OFFSET 10");
        // Odoo's garbage collector: the row goes, then the file
        lab.sql("DELETE FROM ir_attachment WHERE store_fname = '" + gone + "'");
        lab.exec("rm", "-f", lab.filestorePath() + "/odoo/" + gone).requireOk();
        lab.write("odoo", 5);

        Replica.Run r = replica.run("sync", "--full");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("odoo: 10 files, \\d+ bytes in [\\d.]+ s"); // 5 files + 5 markers
        assertThat(replica.filestoreDir("odoo").resolve(gone)).as("kept after prod deleted it").isRegularFile();
        Map<String, String> prod = Mirror.prodFiles(lab, "odoo");
        Map<String, String> mirror = Mirror.localFiles(replica.filestoreDir("odoo"));
        assertThat(mirror).containsAllEntriesOf(prod).containsKey(gone).hasSize(prod.size() + 1);
    }

    @Test
    @Order(7)
    void fetchBringsExactlyTheNamedFilesAndReportsWhatProdLacks(ProdLab lab) {
        lab.write("odoo", 3);
        List<String> fresh = lab.sql("SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL ORDER BY id DESC LIMIT 3")
                .lines().toList();
        String absent = "ab/ab" + "0".repeat(38);
        List<String> asked = new ArrayList<>(fresh);
        asked.addAll(List.of(absent, "../../etc/passwd"));

        TransferResult r = new FilestoreTransport(replica.config(), new ProcessRunner()).fetch("odoo", asked);

        assertThat(r.files()).isEqualTo(3);
        assertThat(r.bytes()).isEqualTo(3 * 2048);
        assertThat(r.missingOnProd()).containsExactlyInAnyOrder(absent, "../../etc/passwd");
        Path dir = replica.filestoreDir("odoo");
        for (String f : fresh) {
            assertThat(dir.resolve(f)).isRegularFile();
            assertThat(dir.resolve("checklist").resolve(f)).as("only the named files").doesNotExist();
        }
        assertThat(Mirror.wrongContent(Mirror.localFiles(dir))).isEmpty();
        System.out.printf("MEASURED filestore: fetch of 3 named files (+2 absent) took %d ms%n", r.elapsed().toMillis());
    }

    @Test
    @Order(8)
    void fetchOfOnlyNamesProdLacksReportsThemAllYetARefusedKeyStillFails(ProdLab lab) {
        // rsync's sender, its file list empty, ends the run without the closing handshake: exit 23, and the
        // receiver's last write meets a closed pipe. That is still "every name missing", never a failure.
        String existing = lab.sql("SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL ORDER BY id LIMIT 1");
        String prefix = existing.substring(0, 2);
        List<String> asked = List.of("ab/ab" + "1".repeat(38), "cd/cd" + "2".repeat(38),
                prefix + "/" + prefix + "f".repeat(38)); // the last one in a directory prod has
        FilestoreTransport transport = new FilestoreTransport(replica.config(), new ProcessRunner());
        Path dir = replica.filestoreDir("odoo");
        Map<String, String> before = Mirror.localFiles(dir);

        TransferResult r = transport.fetch("odoo", asked);

        assertThat(r.files()).isZero();
        assertThat(r.bytes()).isZero();
        assertThat(r.missingOnProd()).containsExactlyInAnyOrderElementsOf(asked);
        assertThat(Mirror.localFiles(dir)).isEqualTo(before);
        for (int i = 0; i < 5; i++) { // the closing race must never turn it into a failure
            assertThat(transport.fetch("odoo", asked.subList(0, 1)).missingOnProd()).containsExactly(asked.get(0));
        }

        // the same request when prod refuses the key is a failure, not "missing"
        String keys = "/home/" + lab.sshUser() + "/.ssh/authorized_keys";
        lab.exec("sh", "-c", "cp \"$0\" \"$0.odoo-dr-test\" && grep -v odoo-dr-filestore@ \"$0.odoo-dr-test\" > \"$0\"", keys)
                .requireOk();
        try {
            assertThatThrownBy(() -> transport.fetch("odoo", asked)).isInstanceOf(DrException.class)
                    .hasMessageContaining("Permission denied (publickey")
                    .satisfies(e -> assertThat(((DrException) e).hint()).contains("setup --only filestore"));
        } finally {
            lab.exec("sh", "-c", "cat \"$0.odoo-dr-test\" > \"$0\" && rm \"$0.odoo-dr-test\"", keys).requireOk();
        }
        assertThat(transport.fetch("odoo", asked).missingOnProd()).hasSize(3);
    }

    @Test
    @Order(9)
    void aTransferWaitsForAnOrphanedRsyncThatStillHoldsTheLockFile() throws Exception {
        Path lock = ServiceUser.ODOO.home().resolve(".odoo-dr-sync.lock");
        // what an rsync outliving an odoo-dr killed outright looks like: flock(2) on the lock file, no odoo-dr around
        Process orphan = new ProcessBuilder("flock", lock.toString(), "sleep", "4").start();
        try {
            // flock(1) runs its command only once it holds the lock
            Poll.within(Duration.ofSeconds(10), Duration.ofMillis(20)).until(() -> orphan.children().findAny().isPresent());
            long start = System.nanoTime();
            Replica.Run r = replica.run("sync", "--full");
            double waited = (System.nanoTime() - start) / 1e9;
            assertThat(r.code()).as(r.all()).isZero();
            assertThat(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(waited).as("sync --full started its rsync only after the orphan ended").isGreaterThan(3.0);
        } finally {
            orphan.destroyForcibly();
        }
    }

    /** Finding 11: the marker from the first seed names a mirror that is gone; setup must copy again, not report it. */
    @Test
    @Order(10)
    void aRemovedMirrorIsSeededAgainDespiteTheOldMarker(ProdLab lab) throws IOException {
        Path marker = replica.config().filestore().localBase().resolve(".odoo-dr-seeded-odoo");
        assertThat(readQuietly(marker)).as("the first seed's marker").contains("prod: " + lab.sql(
                "SELECT system_identifier FROM pg_control_system()")).contains("mirror: dev ");
        Path dir = replica.filestoreDir("odoo");
        run(List.of("rm", "-r", "--", dir.toString()));
        assertThat(dir).doesNotExist();

        Replica.Run dry = replica.run("setup", "--dry-run", "--only", "filestore");
        assertThat(StepLines.of(dry.out()).resultOf("initial copy of odoo's filestore")).as(dry.out()).isEqualTo("would do");
        assertThat(dry.out()).contains("the mirror " + dir + " is gone since the seed of ");

        Replica.Run r = replica.run("setup", "--only", "filestore");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(StepLines.of(r.out()).resultOf("initial copy of odoo's filestore")).as(r.out()).isEqualTo("done");
        assertThat(Mirror.localFiles(dir)).isEqualTo(Mirror.prodFiles(lab, "odoo"));
        assertThat(StepLines.of(replica.run("setup", "--only", "filestore").out()).resultOf("initial copy of odoo's filestore"))
                .as("the new marker stands for the new mirror").isEqualTo("ok");
    }

    private List<String> filestoreKeySsh(ProdLab lab) {
        return List.of("ssh", "-F", "/dev/null", "-i", ServiceKeyRole.FILESTORE.privateKey(replica.config()).toString(),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + lab.knownHosts(),
                "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=10", "-p", Integer.toString(lab.sshPort()));
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    private static ProcessResult run(List<String> argv) {
        return new ProcessRunner().runAllowingFailure(Command.of(argv).timeout(Duration.ofSeconds(30)).build());
    }

    private static ProcessResult run(List<String> argv, String stdin) {
        return new ProcessRunner().runAllowingFailure(Command.of(argv).stdin(stdin).timeout(Duration.ofSeconds(30)).build());
    }

    private static String authorizedKeys(ProdLab lab) {
        return lab.exec("cat", "/home/" + lab.sshUser() + "/.ssh/authorized_keys").stdout();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
