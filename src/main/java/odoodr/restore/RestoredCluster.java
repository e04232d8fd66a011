package odoodr.restore;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.host.AtomicFile;
import odoodr.host.DirectoryTree;
import odoodr.host.ServiceUser;
import odoodr.postgres.AutoConf;
import odoodr.postgres.DebianCluster;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Debian cluster of one restored copy, {@code <major>/odoodr_restore_<name>}: made by pg_createcluster (so
 * pg_lsclusters, pg_ctlcluster and log rotation know it), its empty data directory replaced by a copy of a base
 * backup made as postgres, and the recovery files written without following a link.
 */
final class RestoredCluster {
    private static final Duration COPY = Duration.ofHours(12);
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Optional<String> POSTGRES = ServiceUser.runningAsRoot()
            ? Optional.of(ServiceUser.POSTGRES.name()) : Optional.empty();

    private final ProcessRunner runner;
    private final DebianCluster cluster;

    RestoredCluster(ProcessRunner runner, int major, RestoreName name) {
        this(runner, new DebianCluster(runner, major, name.cluster()));
    }

    RestoredCluster(ProcessRunner runner, DebianCluster cluster) {
        this.runner = runner;
        this.cluster = cluster;
    }

    DebianCluster cluster() {
        return cluster;
    }

    /** Registers the cluster with postgresql-common, then puts a copy of {@code backupData} in its place. */
    void createFrom(Path backupData, int port) {
        cluster.create(port);
        Path data = cluster.dataDirectory();
        // as postgres, which owns both sides: cp -a copies a symlink as a link, never what it points to
        runner.run(Command.of(ServiceUser.POSTGRES.as(List.of("rm", "-rf", "--", data.toString()))).timeout(COPY)
                .onFailure(ExitCode.RESTORE, "cannot empty " + data).build());
        runner.run(Command.of(ServiceUser.POSTGRES.as(List.of("cp", "-a", "--", backupData.toString(), data.toString())))
                .timeout(COPY).subject("copy of the base backup")
                .onFailure(ExitCode.RESTORE, "check free disk space under " + data.getParent()).build());
    }

    ControlData controlData() {
        String out = runner.run(Command.of(ServiceUser.POSTGRES.as(List.of(cluster.binDirectory().resolve("pg_controldata")
                        .toString(), "-D", cluster.dataDirectory().toString()))).timeout(QUICK)
                .onFailure(ExitCode.RESTORE, "the copied base backup has no readable pg_control").build()).stdout();
        return ControlData.parse(out);
    }

    /**
     * Makes the copy recover and promote, never stream: no standby.signal, an empty postgresql.auto.conf (the
     * backup's holds the standby's primary_conninfo and slot), recovery.signal, and the conf.d file.
     */
    void writeRecoveryFiles(RecoverySettings settings, RestoredCopy.Record record) {
        Path data = cluster.dataDirectory();
        try {
            Files.deleteIfExists(data.resolve("standby.signal"));
            AutoConf.newFile().write(data.resolve("postgresql.auto.conf"), POSTGRES);
            AtomicFile.write(data.resolve("recovery.signal"), new byte[0], AtomicFile.OWNER_READ_WRITE, POSTGRES);
            DirectoryTree.ensure(cluster.confD(), AtomicFile.WORLD_READABLE_DIRECTORY, POSTGRES);
            AtomicFile.write(cluster.confD().resolve(RecoverySettings.FILE_NAME),
                    settings.render().getBytes(StandardCharsets.UTF_8), AtomicFile.WORLD_READABLE, POSTGRES);
            writeRecord(record);
        } catch (IOException e) {
            throw new DrException(ExitCode.RESTORE, "cannot write the recovery settings of " + cluster.label() + ": "
                    + e.getMessage(), null, e);
        }
    }

    void writeRecord(RestoredCopy.Record record) throws IOException {
        AtomicFile.write(cluster.configDirectory().resolve(RestoredCopy.RECORD_FILE), record.toBytes(),
                AtomicFile.WORLD_READABLE, POSTGRES);
    }

    /** The log's size now: what the copy logs after this is its recovery. */
    long logOffset() {
        try {
            return Files.exists(cluster.logFile()) ? Files.size(cluster.logFile()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The log lines written since {@code offset}. */
    RecoveryLog logSince(long offset) {
        Path log = cluster.logFile();
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            long from = offset <= length ? offset : 0;
            byte[] bytes = new byte[(int) Math.min(length - from, 8L * 1024 * 1024)];
            f.seek(length - bytes.length);
            f.readFully(bytes);
            return new RecoveryLog(new String(bytes, StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            return new RecoveryLog(List.of());
        }
    }

    /** Starts the server; false when pg_ctlcluster says it did not come up (the log says why). */
    boolean start() {
        try {
            cluster.start();
            return true;
        } catch (DrException e) {
            return false;
        }
    }

    boolean online() {
        return cluster.status().map(DebianCluster.ClusterStatus::online).orElse(false);
    }

    /** Stops and removes the cluster: its configuration, data directory and log. */
    void drop() {
        Path log = cluster.logFile();
        Path data = cluster.dataDirectory();
        cluster.drop();
        try {
            Files.deleteIfExists(log);
            if (Files.exists(data, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // pg_dropcluster removes only a data directory it registered: one pg_createcluster failed to
                runner.run(Command.of(ServiceUser.POSTGRES.as(List.of("rm", "-rf", "--", data.toString())))
                        .timeout(COPY).onFailure(ExitCode.RESTORE, "remove " + data + " by hand").build());
            }
        } catch (IOException e) {
            throw new DrException(ExitCode.RESTORE, "cannot remove " + log + ": " + e.getMessage(), null, e);
        }
    }
}
