package odoodr.postgres;

import odoodr.config.PgEndpoint;
import odoodr.host.AtomicFile;
import odoodr.standby.BaseBackupStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Checks this package against a real PostgreSQL 15 (the Debian packages): a throwaway primary initdb'ed in a temp
 * directory as the {@code postgres} OS user, on a free port on 127.0.0.1, removed afterwards.
 * <ul>
 * <li>our SCRAM verifiers equal the server's for the same salt, and a role created with one logs in with the plain
 * password, which never reaches the statement log;</li>
 * <li>libpq (psql, pg_basebackup, the walreceiver) reads the password files {@link PgPassFile} writes, escapes and
 * entry order included;</li>
 * <li>the runbook's Section A flow with these classes: pg_basebackup run with {@link BaseBackupStep}'s own argv
 * (through the slot, no {@code -R}), its -P -v output parsed live, primary_conninfo written without password, the
 * standby streams from the slot.</li>
 * </ul>
 * Skipped unless running as root with /usr/lib/postgresql/15/bin and a postgres user, or with
 * {@code -Dodoodr.skipLab=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresLiveTest {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String SUPERUSER_PASSWORD = "live-test-superuser";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Path base;
    private Path primaryData;
    private Path standbyData;
    private int primaryPort;
    private int standbyPort;
    private final List<Path> startedClusters = new ArrayList<>();

    @BeforeAll
    void startPrimary() throws Exception {
        assumeTrue(!Boolean.parseBoolean(System.getProperty("odoodr.skipLab", "false")), "-Dodoodr.skipLab=true");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (runs PostgreSQL as postgres)");
        assumeTrue(Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_basebackup")),
                "needs the PostgreSQL 15 server packages");
        assumeTrue(run(List.of("id", "-u", "postgres")).exitCode == 0, "needs a postgres OS user");

        base = Files.createTempDirectory("odoodr-pglive-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        AtomicFile.setOwner(base, "postgres");
        primaryData = base.resolve("primary");
        standbyData = base.resolve("standby");
        primaryPort = freePort();
        standbyPort = freePort();

        Path pwfile = base.resolve("pwfile");
        Files.writeString(pwfile, SUPERUSER_PASSWORD + "\n");
        AtomicFile.setOwner(pwfile, "postgres");
        requireOk(asPostgres(List.of(BIN.resolve("initdb").toString(), "-D", primaryData.toString(),
                "-A", "scram-sha-256", "--pwfile=" + pwfile, "-U", "postgres", "--no-sync"), List.of()));
        Files.writeString(primaryData.resolve("postgresql.conf"), String.join("\n",
                "port = " + primaryPort,
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + base + "'",
                "log_statement = 'all'",
                "fsync = off",
                ""), java.nio.file.StandardOpenOption.APPEND);
        startCluster(primaryData, List.of());
    }

    @AfterAll
    void cleanUp() throws Exception {
        for (Path data : startedClusters) {
            asPostgres(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                    "stop"), List.of());
        }
        if (base != null) {
            try (Stream<Path> files = Files.walk(base)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void ourScramVerifierIsTheServersAndTheRoleLogsInWithThePlainPassword() throws Exception {
        String password = Passwords.generate();
        try (Connection db = connect(primaryPort, "postgres", SUPERUSER_PASSWORD); Statement st = db.createStatement()) {
            // the server hashes a plain password itself: recompute it from the salt it chose
            st.execute("CREATE ROLE server_hashed LOGIN PASSWORD 'Plain-Pass_123 with: odd\\chars'");
            ScramVerifier stored = ScramVerifier.parse(rolpassword(db, "server_hashed"));
            assertThat(ScramVerifier.compute("Plain-Pass_123 with: odd\\chars", stored.salt(), stored.iterations())
                    .text()).isEqualTo(stored.text());

            // and the other way round: a role given our verifier
            ScramVerifier verifier = ScramVerifier.compute(password);
            st.execute(ReplicationRoleSql.createRole("odoodr_live", verifier));
            assertThat(rolpassword(db, "odoodr_live")).isEqualTo(verifier.text());
            try (Connection asRole = connect(primaryPort, "odoodr_live", password);
                    ResultSet rs = asRole.createStatement().executeQuery("SELECT current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("odoodr_live");
            }
            ScramVerifier rotated = ScramVerifier.compute(Passwords.generate());
            st.execute(ReplicationRoleSql.alterRole("odoodr_live", rotated));
            assertThat(rolpassword(db, "odoodr_live")).isEqualTo(rotated.text());
        }
        String log = serverLog(primaryData);
        assertThat(log).contains("CREATE ROLE \"odoodr_live\" WITH LOGIN REPLICATION PASSWORD 'SCRAM-SHA-256$4096:");
        // log_statement = all logged the statement, but only the verifier: the plain password never left the JVM
        assertThat(log).doesNotContain(password);
        assertThat(log).contains("Plain-Pass_123"); // whereas a plain password sent to the server is in the log
    }

    @Test
    void libpqReadsOurPasswordFileWithEscapesAndOrder() throws Exception {
        String tricky = "a:b\\c'd e#f";
        try (Connection db = connect(primaryPort, "postgres", SUPERUSER_PASSWORD); Statement st = db.createStatement()) {
            st.execute("CREATE ROLE \"pgpass:user\" LOGIN PASSWORD " + Identifiers.quoteLiteral(
                    ScramVerifier.compute(tricky).text()));
        }
        Path passfile = base.resolve("pgpass-escapes");
        Files.writeString(passfile, "127.0.0.1:" + primaryPort + ":*:*:wrong-password-for-everyone\n");
        PgPassFile file = PgPassFile.at(passfile).ownedBy("postgres");
        file.ensureEntries(List.of(new PgPassEntry("127.0.0.1", primaryPort, "*", "pgpass:user", tricky)));

        Result psql = asPostgres(List.of(BIN.resolve("psql").toString(), "-w", "-At", "-h", "127.0.0.1",
                "-p", Integer.toString(primaryPort), "-U", "pgpass:user", "-d", "postgres", "-c", "SELECT current_user"),
                List.of("PGPASSFILE=" + passfile));
        assertThat(psql.exitCode).as(psql.stderr).isZero();
        assertThat(psql.stdout.strip()).isEqualTo("pgpass:user");
    }

    @Test
    void runbookSectionAWithTheseClasses() throws Exception {
        String replUser = "replicator";
        String slot = "replica_livetest";
        String password = Passwords.generate();
        try (Connection db = connect(primaryPort, "postgres", SUPERUSER_PASSWORD); Statement st = db.createStatement()) {
            st.execute(ReplicationRoleSql.createRole(replUser, ScramVerifier.compute(password)));
            try (PreparedStatement ps = db.prepareStatement("SELECT pg_create_physical_replication_slot(?)")) {
                ps.setString(1, slot);
                ps.execute();
            }
            st.execute("CREATE TABLE seed AS SELECT g, repeat('x', 500) AS s FROM generate_series(1, 20000) g");
        }

        // gotcha 4: both entries, behind a line that would otherwise shadow them
        Path pgpass = base.resolve(".pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + primaryPort + ":*:*:superuser-line-first\n");
        PgPassFile file = PgPassFile.at(pgpass).ownedBy("postgres");
        assertThat(file.ensureEntries(PgPassEntry.replicationPair("127.0.0.1", primaryPort, replUser, password)))
                .isTrue();
        assertThat(Files.getOwner(pgpass).getName()).isEqualTo("postgres");

        // A4: pg_basebackup with the product's own argv (this primary stands where the tunnel ends, on 127.0.0.1),
        // its -P output parsed as it runs
        List<BaseBackupProgress> progress = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<String> productArgv = BaseBackupStep.command(BIN, PgEndpoint.loopback(primaryPort), replUser, standbyData, slot);
        Process backup = new ProcessBuilder(postgresArgv(productArgv, List.of("PGPASSFILE=" + pgpass, "LC_ALL=C")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try {
                BaseBackupOutputReader.read(backup.getErrorStream(), new BaseBackupOutputReader.Listener() {
                    @Override
                    public void onProgress(BaseBackupProgress p) {
                        progress.add(p);
                    }

                    @Override
                    public void onMessage(String message) {
                        messages.add(message);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            assertThat(backup.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("pg_basebackup finished").isTrue();
            reading.get(10, TimeUnit.SECONDS); // before any destroy: destroying closes the stream under the reader
        } finally {
            if (backup.isAlive()) {
                backup.destroyForcibly();
            }
        }
        assertThat(backup.exitValue()).as(String.join("\n", messages)).isZero();
        assertThat(messages).contains("pg_basebackup: base backup completed").noneMatch(BaseBackupOutputReader::isError);
        assertThat(progress).isNotEmpty();
        BaseBackupProgress last = progress.get(progress.size() - 1);
        assertThat(last.isComplete()).isTrue();
        assertThat(last.percent()).isEqualTo(100);
        assertThat(last.doneKiB()).isGreaterThan(10_000); // the seed table alone is ~10 MB

        try (Connection primary = connect(primaryPort, "postgres", SUPERUSER_PASSWORD)) {
            // a fresh slot reserves no WAL until a client streams through it: the backup did
            assertThat(queryString(primary, "SELECT (restart_lsn IS NOT NULL)::text FROM pg_replication_slots"
                    + " WHERE slot_name = '" + slot + "'")).as("the backup streamed its WAL through the slot").isEqualTo("true");
        }

        // gotcha 10: the backup itself wrote no standby settings (no -R, which would copy the password into them)
        Path autoConfPath = standbyData.resolve("postgresql.auto.conf");
        String written = Files.readString(autoConfPath);
        assertThat(AutoConf.parse(written).get(AutoConf.PRIMARY_CONNINFO)).as(written).isEmpty();
        assertThat(AutoConf.containsPassword(written)).isFalse();
        assertThat(standbyData.resolve("standby.signal")).doesNotExist();

        // A5.1: primary_conninfo with passfile, and standby.signal, written as StandbyFiles does
        AutoConf autoConf = AutoConf.read(autoConfPath)
                .set(AutoConf.PRIMARY_CONNINFO, PrimaryConnInfo.builder(replUser, pgpass, PgEndpoint.loopback(primaryPort))
                        .replicaName("livetest").build())
                .set(AutoConf.PRIMARY_SLOT_NAME, slot);
        autoConf.write(autoConfPath, Optional.of("postgres"));
        assertThat(AutoConf.containsPassword(Files.readString(autoConfPath))).isFalse();
        assertThat(Files.getOwner(autoConfPath).getName()).isEqualTo("postgres");
        AtomicFile.setOwner(Files.createFile(standbyData.resolve("standby.signal")), "postgres");

        // A5.4: start the standby; it must stream from the slot under the application_name we gave
        startCluster(standbyData, List.of("-o", "-p " + standbyPort + " -c unix_socket_directories=" + base));
        Lsn target;
        try (Connection primary = connect(primaryPort, "postgres", SUPERUSER_PASSWORD)) {
            primary.createStatement().execute("INSERT INTO seed VALUES (-1, 'after the backup')");
            target = Lsn.parse(queryString(primary, "SELECT pg_current_wal_lsn()::text"));
            awaitTrue(() -> "streaming".equals(queryString(primary,
                    "SELECT state FROM pg_stat_replication WHERE application_name = 'livetest_replica'")));
            assertThat(queryString(primary, "SELECT active::text FROM pg_replication_slots WHERE slot_name = '"
                    + slot + "'")).isEqualTo("true");
        }
        try (Connection standby = connect(standbyPort, "postgres", SUPERUSER_PASSWORD)) {
            assertThat(queryString(standby, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
            awaitTrue(() -> !Lsn.parse(queryString(standby, "SELECT pg_last_wal_replay_lsn()::text"))
                    .isBefore(target));
            assertThat(queryString(standby, "SELECT s FROM seed WHERE g = -1")).isEqualTo("after the backup");
        }
    }

    // ---- helpers ----

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private interface SqlCondition {
        boolean test() throws SQLException;
    }

    private static void awaitTrue(SqlCondition condition) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(condition::test);
    }

    private void startCluster(Path data, List<String> extra) throws Exception {
        List<String> argv = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", data.resolveSibling(data.getFileName() + ".log").toString(), "-w", "-t", "60"));
        argv.addAll(extra);
        argv.add("start");
        startedClusters.add(data);
        requireOk(asPostgres(argv, List.of()));
    }

    private static String serverLog(Path data) throws IOException {
        return Files.readString(data.resolveSibling(data.getFileName() + ".log"));
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", user, password);
    }

    private static String rolpassword(Connection db, String role) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static String queryString(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> postgresArgv(List<String> argv, List<String> env) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", "env"));
        full.addAll(env);
        full.addAll(argv);
        return full;
    }

    private static Result asPostgres(List<String> argv, List<String> env) throws Exception {
        return run(postgresArgv(argv, env));
    }

    private static Result run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + argv);
        }
        return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireOk(Result result) {
        assertThat(result.exitCode).as(result.stdout + result.stderr).isZero();
    }
}
