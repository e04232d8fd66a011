package odoodr.e2e;

import odoodr.archive.ArchiveLayout;
import odoodr.archive.BackupRecord;
import odoodr.host.AtomicFile;
import odoodr.host.DirectoryTree;
import odoodr.host.ServiceUser;
import odoodr.postgres.DebianCluster;
import odoodr.postgres.Lsn;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The archive a restore reads, made the way the archive side will make it. STAND-IN for engineer A's work (issue 10,
 * archive side): {@link #enableArchiving} stands in for setup's archive step and {@link #takeBaseBackup} for the
 * agent's base backup job; once those are merged, RestoreLabTest should call them (setup with archive.enabled, one
 * agent backup) and this class should go. It writes exactly {@link ArchiveLayout}'s layout: wal/ by basic_archive,
 * base/&lt;label&gt;/data by pg_basebackup checked with pg_verifybackup, then backup.properties last.
 */
final class ArchiveFixture {
    static final String CONF = "odoo-dr-archive-fixture.conf";
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Pattern START = Pattern.compile("START WAL LOCATION: ([0-9A-F]+/[0-9A-F]+)");
    private static final Pattern END = Pattern.compile("\"End-LSN\": \"([0-9A-F]+/[0-9A-F]+)\"");
    private static final Pattern TIMELINE = Pattern.compile("\"Timeline\": (\\d+)");

    private final ProcessRunner runner = new ProcessRunner();
    private final DebianCluster standby;
    private final ArchiveLayout layout;
    private final Optional<String> postgres = Optional.of(ServiceUser.POSTGRES.name());

    ArchiveFixture(DebianCluster standby, ArchiveLayout layout) {
        this.standby = standby;
        this.layout = layout;
    }

    /** archive_mode = always through basic_archive into wal/, then a restart of the standby. */
    void enableArchiving() throws IOException {
        DirectoryTree.ensure(layout.root(), "rwx------", postgres);
        DirectoryTree.ensure(layout.walDirectory(), "rwx------", postgres);
        DirectoryTree.ensure(layout.baseDirectory(), "rwx------", postgres);
        String conf = "archive_mode = always\narchive_library = 'basic_archive'\n"
                + "basic_archive.archive_directory = '" + layout.walDirectory() + "'\n";
        AtomicFile.write(standby.confD().resolve(CONF), conf.getBytes(StandardCharsets.UTF_8), AtomicFile.WORLD_READABLE,
                postgres);
        standby.stop();
        standby.start();
    }

    /**
     * One base backup of the standby over TCP as {@code user} (the lab's superuser; its password in a 0600 pgpass of
     * postgres's, removed afterwards), verified, then recorded.
     */
    BackupRecord takeBaseBackup(int port, String user, String password, String systemIdentifier) throws IOException {
        Instant started = Instant.now();
        String label = ArchiveLayout.labelAt(started);
        Path partial = layout.partialDirectory(label);
        Path pgpass = Files.createTempFile("archive-fixture", ".pgpass");
        try {
            Files.writeString(pgpass, "127.0.0.1:" + port + ":*:" + user + ":" + password + "\n");
            AtomicFile.setOwner(pgpass, ServiceUser.POSTGRES.name());
            Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            DirectoryTree.ensure(partial, "rwx------", postgres);
            Path data = partial.resolve(ArchiveLayout.DATA);
            runner.run(Command.of(ServiceUser.POSTGRES.as(List.of("env", "PGPASSFILE=" + pgpass,
                    standby.binDirectory().resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p",
                    Integer.toString(port), "-U", user, "--no-password", "-D", data.toString(), "-Fp", "-Xs",
                    "--checkpoint=fast"))).timeout(LONG).build());
            runner.run(Command.of(ServiceUser.POSTGRES.as(List.of(standby.binDirectory().resolve("pg_verifybackup")
                    .toString(), "-n", data.toString()))).timeout(LONG).build());
            Instant finished = Instant.now();
            String backupLabel = Files.readString(data.resolve("backup_label"));
            String manifest = Files.readString(data.resolve("backup_manifest"));
            long bytes;
            try (var files = Files.walk(data)) {
                bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            BackupRecord record = new BackupRecord(label, started, finished, Lsn.parse(group(START, backupLabel)),
                    Lsn.parse(group(END, manifest)), Integer.parseInt(group(TIMELINE, manifest)), systemIdentifier, bytes);
            Files.move(partial, layout.backupDirectory(label));
            AtomicFile.write(layout.recordOf(label), record.toBytes(), AtomicFile.OWNER_READ_WRITE, postgres);
            return record;
        } finally {
            Files.deleteIfExists(pgpass);
        }
    }

    /** Removes the standby's archive settings (the standby itself goes with the replica) and the archive. */
    void remove() throws IOException {
        Files.deleteIfExists(standby.confD().resolve(CONF));
        DirectoryTree.delete(layout.root());
        try (var left = Files.list(layout.root().getParent())) {
            if (left.findAny().isEmpty()) {
                Files.delete(layout.root().getParent()); // /var/lib/odoo-dr/archive, if this test made the first archive
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // nothing left
        }
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + text);
        }
        return m.group(1);
    }
}
