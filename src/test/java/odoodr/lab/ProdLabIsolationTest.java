package odoodr.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The prod lab is what odoo-dr will meet in real life: prod's PostgreSQL and filestore are out of the replica side's
 * reach except over SSH, the schema is Odoo 17's, attachments are written like Odoo writes them, faults behave like
 * real faults, and nothing of a lab survives its teardown.
 */
@ExtendWith(ProdLabExtension.class)
class ProdLabIsolationTest {

    /** Odoo 17's ir_attachment: base's stored fields, web_editor's original_id, the ORM's magic columns. */
    private static final List<String> ODOO17_IR_ATTACHMENT_COLUMNS = List.of(
            "id", "name", "description", "res_model", "res_field", "res_id", "company_id", "type", "url", "public",
            "access_token", "db_datas", "store_fname", "file_size", "checksum", "mimetype", "index_content",
            "original_id", "create_uid", "create_date", "write_uid", "write_date");

    @Test
    void prodPostgresIsNotReachableDirectlyFromTheReplicaSide(ProdLab lab) throws Exception {
        // Nothing listens on prod's veth address but sshd: PostgreSQL is bound to the lab's own loopback.
        assertThat(tryConnect(lab.sshHost(), lab.pgPort())).isNotEqualTo("connected");
        assertThat(tryConnect(lab.sshHost(), lab.sshPort())).isEqualTo("connected");

        // The host's own 127.0.0.1:5432 is not prod either: refused, or some other server (a replica-side
        // PostgreSQL of a concurrent test) that does not know prod's superuser password or is another cluster.
        if (tryConnect("127.0.0.1", lab.pgPort()).equals("connected")) {
            String prodSystemId = lab.sql("SELECT system_identifier FROM pg_control_system()");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + lab.pgPort()
                    + "/postgres?connectTimeout=5", lab.superuser(), lab.superuserPassword())) {
                assertThat(queryString(c, "SELECT system_identifier::text FROM pg_control_system()"))
                        .isNotEqualTo(prodSystemId);
            } catch (SQLException notProd) {
                // expected: not prod's credentials
            }
        }
    }

    @Test
    void prodDataAndFilestoreAreInvisibleFromTheHostMountNamespace(ProdLab lab) throws Exception {
        String db = lab.databases().get(0);
        // Inside the lab they exist ...
        assertThat(lab.exec("test", "-f", lab.pgData() + "/PG_VERSION").exitCode()).isZero();
        assertThat(lab.exec("test", "-d", lab.filestorePath() + "/" + db).exitCode()).isZero();
        // ... on the host only empty mountpoints are left.
        assertThat(Path.of(lab.pgData())).doesNotExist();
        assertThat(Path.of(lab.filestorePath())).doesNotExist();
        assertThat(Path.of("/home", lab.sshUser(), ".ssh")).doesNotExist();
        try (Stream<Path> priv = Files.list(lab.stateDir().resolve("private"))) {
            assertThat(priv).isEmpty();
        }
        assertThat(Files.readString(Path.of("/proc/self/mounts"))).doesNotContain("odrlab-" + lab.id() + "-");
        // And the host's sudoers.d never grants the lab user anything.
        assertThat(Path.of("/etc/sudoers.d/odoo-dr-lab")).doesNotExist();
    }

    @Test
    void overSshPostgresAndTheFilestoreAreReachable(ProdLab lab) throws Exception {
        String db = lab.databases().get(0);
        try (LabTunnel tunnel = lab.openTunnel();
             Connection c = DriverManager.getConnection(tunnel.jdbcUrl(db), lab.superuser(),
                     lab.superuserPassword())) {
            assertThat(queryString(c, "SELECT current_user")).isEqualTo(lab.superuser());
            assertThat(queryString(c, "SELECT count(*) FROM ir_attachment")).isNotEqualTo("0");
            assertThat(queryString(c, "SELECT current_setting('server_version_num')")).startsWith("15");
        }

        CommandResult sudoLs = lab.ssh("sudo -n ls " + lab.filestorePath()).requireOk();
        assertThat(sudoLs.stdout().lines()).contains(db);
        // Without sudo the docker volume is out of reach, as on a real prod host.
        CommandResult plainLs = lab.ssh("ls " + lab.filestorePath());
        assertThat(plainLs.exitCode()).isNotZero();
        assertThat(plainLs.stderr()).contains("Permission denied");
        // The operator (sysadmin) access has passwordless sudo; rrsync is there for the filestore key.
        assertThat(lab.ssh("sudo -n true").exitCode()).isZero();
        assertThat(lab.ssh("test -x /usr/bin/rrsync").exitCode()).isZero();
    }

    @Test
    void irAttachmentIsOdoo17sTable(ProdLab lab) {
        String columns = lab.sql("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = 'ir_attachment' ORDER BY ordinal_position");
        assertThat(columns.lines()).containsExactlyInAnyOrderElementsOf(ODOO17_IR_ATTACHMENT_COLUMNS);

        String types = lab.sql("SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull "
                + "FROM pg_attribute a WHERE a.attrelid = 'ir_attachment'::regclass AND a.attnum > 0 "
                + "AND NOT a.attisdropped");
        assertThat(types.lines()).contains(
                "id integer true", "name character varying true", "type character varying true",
                "url character varying(1024) false", "checksum character varying(40) false",
                "db_datas bytea false", "store_fname character varying false", "file_size integer false",
                "res_id integer false", "public boolean false", "index_content text false",
                "create_date timestamp without time zone false");

        String indexes = lab.sql("SELECT indexdef FROM pg_indexes WHERE tablename = 'ir_attachment'");
        assertThat(indexes)
                .contains("ir_attachment_res_idx ON public.ir_attachment USING btree (res_model, res_id)")
                .contains("ON public.ir_attachment USING btree (store_fname)")
                .contains("ON public.ir_attachment USING btree (checksum)");
    }

    @Test
    void initialAttachmentsHoldTheEdgeCases(ProdLab lab) {
        assertThat(lab.sql("SELECT count(*) FROM ir_attachment WHERE type = 'url' AND store_fname IS NULL"))
                .isEqualTo("1");
        assertThat(lab.sql("SELECT count(*) FROM ir_attachment WHERE db_datas IS NOT NULL AND store_fname IS NULL"))
                .isEqualTo("1");
        assertThat(lab.sql("SELECT count(*) FROM ir_attachment WHERE file_size = 0 AND store_fname IS NULL "
                + "AND db_datas IS NULL")).isEqualTo("1");
        assertThat(lab.sql("SELECT count(*) FROM ir_attachment WHERE res_field IS NOT NULL "
                + "AND store_fname IS NOT NULL")).isEqualTo("1");
        assertThat(lab.sql("SELECT count(*) FROM ir_attachment WHERE url LIKE '/web/assets/%' "
                + "AND store_fname IS NOT NULL")).isEqualTo("1");
        assertThat(Integer.parseInt(lab.sql("SELECT count(*) FROM res_partner"))).isGreaterThanOrEqualTo(300);
        assertThat(lab.sql("SELECT login FROM res_users WHERE id = 2")).isEqualTo("admin");
    }

    @Test
    void writeCreatesFilesExactlyAsOdooDoes(ProdLab lab) {
        String db = lab.databases().get(0);
        int before = Integer.parseInt(lab.sql(db, "SELECT coalesce(max(id), 0) FROM ir_attachment"));

        long started = System.nanoTime();
        lab.write(db, 2000);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(45));

        List<String> rows = lab.sql(db, "SELECT store_fname || ' ' || checksum || ' ' || file_size || ' ' || type "
                + "|| ' ' || res_model FROM ir_attachment WHERE id > " + before + " ORDER BY id").lines().toList();
        assertThat(rows).hasSize(2000);
        List<String> fnames = new ArrayList<>();
        Map<String, String> checksumByFname = new HashMap<>();
        for (String row : rows) {
            String[] f = row.split(" ");
            assertThat(f[0]).isEqualTo(f[1].substring(0, 2) + "/" + f[1]);
            assertThat(f[2]).isEqualTo("2048");
            assertThat(f[3]).isEqualTo("binary");
            assertThat(f[4]).isEqualTo("res.partner");
            fnames.add(f[0]);
            checksumByFname.put(f[0], f[1]);
        }
        List<String> sample = fnames.subList(0, 200);

        // sha1 of the bytes on disk == checksum; owner == the file uid; Odoo's modes.
        List<String> argv = new ArrayList<>(List.of("bash", "-c",
                "cd \"$0\" && sha1sum -- \"$@\" && stat -c 'stat %u %g %a %s %n' -- \"$@\" "
                        + "&& stat -c 'dir %u %a %n' -- $(dirname -- \"$@\" | sort -u)",
                lab.filestorePath() + "/" + db));
        argv.addAll(sample);
        CommandResult check = lab.exec(argv.toArray(String[]::new)).requireOk();
        int hashed = 0;
        int statted = 0;
        for (String line : check.stdout().lines().toList()) {
            String[] f = line.split("\\s+");
            if (f[0].equals("stat")) {
                assertThat(f[1]).as("owner of %s", f[5]).isEqualTo(Integer.toString(lab.fileUid()));
                assertThat(f[3]).as("mode of %s", f[5]).isEqualTo("644");
                assertThat(f[4]).isEqualTo("2048");
                statted++;
            } else if (f[0].equals("dir")) {
                assertThat(f[1]).isEqualTo(Integer.toString(lab.fileUid()));
                assertThat(f[2]).isEqualTo("755");
            } else {
                assertThat(f[0]).as("sha1 of %s", f[1]).isEqualTo(checksumByFname.get(f[1]));
                hashed++;
            }
        }
        assertThat(hashed).isEqualTo(sample.size());
        assertThat(statted).isEqualTo(sample.size());
        // Odoo's _mark_for_gc leaves an empty checklist entry for each new file.
        assertThat(lab.exec("test", "-f", lab.filestorePath() + "/" + db + "/checklist/" + sample.get(0))
                .exitCode()).isZero();
    }

    @Test
    void continuousWriterRunsUntilStopped(ProdLab lab) throws Exception {
        String db = lab.databases().get(0);
        int start = countAttachments(lab, db);
        try (LabWriter writer = lab.startWriter(db, 0.2)) {
            awaitTrue(Duration.ofSeconds(30), () -> countAttachments(lab, db) >= start + 30);
            assertThat(writer.isAlive()).isTrue();
            assertThat(writer.stop()).isZero();
            assertThat(writer.log()).contains("wrote ");
        }
        int afterStop = countAttachments(lab, db);
        Thread.sleep(1000);
        assertThat(countAttachments(lab, db)).isEqualTo(afterStop);
    }

    @Test
    void primaryIsConfiguredLikeProd(ProdLab lab) throws IOException {
        assertThat(lab.sql("SHOW max_connections")).isEqualTo("150");
        assertThat(lab.sql("SHOW wal_level")).isEqualTo("replica");
        assertThat(lab.sql("SHOW listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(lab.sql("SHOW port")).isEqualTo(Integer.toString(lab.pgPort()));
        assertThat(lab.sql("SHOW lc_collate")).isEqualTo("en_US.UTF-8");
        assertThat(lab.sql("SHOW server_encoding")).isEqualTo("UTF8");
        assertThat(lab.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'postgres'")).isEqualTo("0");
        assertThat(lab.sql("SELECT rolsuper, rolreplication FROM pg_roles WHERE rolname = '"
                + lab.superuser() + "'")).isEqualTo("t|t");
        assertThat(lab.sql("SELECT count(*) FROM pg_hba_file_rules WHERE type = 'host' "
                + "AND 'replication' = ANY(database) AND auth_method = 'scram-sha-256'")).isEqualTo("1");
        assertThat(lab.superuserPasswordFile()).isRegularFile();
        assertThat(filePermissions(lab.superuserPasswordFile())).isEqualTo("rw-------");
    }

    @Test
    void postgresStopsAndStarts(ProdLab lab) {
        lab.stopPostgres();
        try {
            assertThatThrownBy(() -> lab.sql("SELECT 1")).isInstanceOf(ProdLabException.class);
            assertThat(lab.isUp()).isFalse();
        } finally {
            lab.startPostgres();
        }
        assertThat(lab.sql("SELECT 1")).isEqualTo("1");
        assertThat(lab.isUp()).isTrue();
    }

    @Test
    void execPassesStdinStdoutAndExitCode(ProdLab lab) {
        CommandResult r = lab.execWithInput("hello\n", Duration.ofSeconds(20), "sh", "-c", "cat; exit 7");
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.stdout()).isEqualTo("hello\n");
    }

    @Test
    void cutHangsAnEstablishedConnectionSilentlyAndHealRestoresIt(ProdLab lab) throws Exception {
        List<String> command = lab.sshCommand();
        command.add("while :; do echo tick; sleep 0.2; done");
        Process ssh = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        AtomicInteger ticks = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(ssh.getInputStream(), StandardCharsets.UTF_8))) {
                while (r.readLine() != null) {
                    ticks.incrementAndGet();
                }
            } catch (IOException ignored) {
                // process killed
            }
        }, "ssh-ticks");
        reader.setDaemon(true);
        reader.start();
        try {
            awaitTrue(Duration.ofSeconds(20), () -> ticks.get() >= 3);

            lab.cut();
            try {
                Thread.sleep(1000);              // let what was already in flight arrive
                int atCut = ticks.get();
                Thread.sleep(4000);
                assertThat(ticks.get()).as("ticks while the link is cut").isEqualTo(atCut);
                assertThat(ssh.isAlive()).as("ssh still waiting, not reset").isTrue();
                // A new connection gets silence, not a refusal.
                assertThat(tryConnect(lab.sshHost(), lab.sshPort())).isEqualTo("timeout");
            } finally {
                lab.heal();
            }

            int atHeal = ticks.get();
            awaitTrue(Duration.ofSeconds(30), () -> ticks.get() > atHeal + 3);
            assertThat(ssh.isAlive()).isTrue();
            assertThat(lab.ssh("true").exitCode()).isZero();
        } finally {
            ssh.destroyForcibly();
            ssh.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The extension's own lifecycle, driven by hand on a second lab: beforeAll builds it (coexisting with this
     * class's lab), a test body fails, afterAll (which JUnit always runs) removes every trace.
     */
    @Test
    void teardownAfterAFailingTestLeavesNothingBehind(ProdLab mainLab) throws Exception {
        ProdLabExtension extension = new ProdLabExtension();
        Map<Object, Object> store = new HashMap<>();
        ExtensionContext context = fakeClassContext(store);

        extension.beforeAll(context);
        ProdLab second = (ProdLab) store.get(ProdLabExtension.KEY);
        assertThat(second).isNotNull();
        String id = second.id();
        Path state = second.stateDir();
        String holderPid = second.env().get("LAB_HOLDER_PID");
        try {
            // Two labs coexist: own namespaces, own addresses, both reachable.
            assertThat(id).isNotEqualTo(mainLab.id());
            assertThat(second.sshHost()).isNotEqualTo(mainLab.sshHost());
            assertThat(second.ssh("sudo -n true").exitCode()).isZero();
            assertThat(mainLab.ssh("sudo -n true").exitCode()).isZero();
            assertThat(leftovers(id)).isNotEmpty();  // the probe does see a live lab
            assertThat(pgrep(id)).isNotEmpty();

            assertThatThrownBy(() -> {
                second.write(second.databases().get(0), 5);
                second.startWriter(second.databases().get(0), 0.2);   // left running by the "test"
                throw new AssertionError("simulated failing test body");
            }).hasMessage("simulated failing test body");
        } finally {
            extension.afterAll(context);
        }

        assertThat(store).doesNotContainKey(ProdLabExtension.KEY);
        assertThat(leftovers(id)).isEmpty();
        assertThat(pgrep(id)).isEmpty();
        assertThat(state).doesNotExist();
        // Killed; at most a zombie until PID 1 reaps it (it has already left its namespaces).
        assertThat(processState(holderPid)).isIn("gone", "Z");
        // The class's own lab is untouched.
        assertThat(mainLab.isUp()).isTrue();
        // And down is idempotent.
        assertThat(LabCommand.run(List.of(ProdLab.script().toString(), "down", "--id", id), null,
                Duration.ofSeconds(30)).exitCode()).isZero();
    }

    // ---- helpers

    /** "connected", "refused" or "timeout". */
    private static String tryConnect(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return "connected";
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (ConnectException e) {
            return "refused";
        } catch (IOException e) {
            return "error: " + e.getMessage();
        }
    }

    /** "gone", or the one-letter state from /proc/PID/status. */
    private static String processState(String pid) {
        try {
            return Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                    .filter(l -> l.startsWith("State:")).map(l -> l.split("\\s+")[1]).findFirst().orElse("gone");
        } catch (IOException gone) {
            return "gone";
        }
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static int countAttachments(ProdLab lab, String db) {
        return Integer.parseInt(lab.sql(db, "SELECT count(*) FROM ir_attachment"));
    }

    private static String filePermissions(Path file) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Duration timeout, Condition condition) throws Exception {
        Poll.within(timeout, Duration.ofMillis(100)).until(condition::holds);
    }

    /** Traces of lab {@code id} on this host: netns, veth, mounts seen by any process. */
    private static List<String> leftovers(String id) throws IOException {
        List<String> found = new ArrayList<>();
        String netns = LabCommand.run(List.of("ip", "netns", "list"), null, Duration.ofSeconds(10)).stdout();
        if (netns.lines().anyMatch(l -> l.split(" ")[0].equals("odrlab-" + id))) {
            found.add("netns odrlab-" + id);
        }
        String links = LabCommand.run(List.of("ip", "-o", "link", "show"), null, Duration.ofSeconds(10)).stdout();
        if (links.lines().anyMatch(l -> l.contains(" odr" + id + "h@") || l.contains(" odr" + id + "h:"))) {
            found.add("veth odr" + id + "h");
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String mounts;
                try {
                    mounts = Files.readString(proc.resolve("mounts"));
                } catch (IOException gone) {
                    continue;
                }
                if (mounts.contains("odrlab-" + id + "-") || mounts.contains("/run/netns/odrlab-" + id + " ")) {
                    found.add("mounts of " + proc);
                }
            }
        }
        return found;
    }

    /** Processes whose command line names lab {@code id} (holder, postgres titles, sshd config path). */
    private static List<String> pgrep(String id) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (cmdline.contains("odrlab-" + id) || cmdline.contains("odoo-dr-lab/" + id + "/")
                        || cmdline.contains("--id " + id + " ")) {
                    found.add(proc.getFileName() + " " + cmdline.strip());
                }
            }
        }
        return found;
    }

    /** Just enough of a class-level ExtensionContext for ProdLabExtension: a store backed by {@code map}. */
    private static ExtensionContext fakeClassContext(Map<Object, Object> map) {
        ExtensionContext.Store store = (ExtensionContext.Store) Proxy.newProxyInstance(
                ProdLabIsolationTest.class.getClassLoader(), new Class<?>[] {ExtensionContext.Store.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> map.get(args[0]);
                    case "put" -> {
                        map.put(args[0], args[1]);
                        yield null;
                    }
                    case "remove" -> map.remove(args[0]);
                    case "toString" -> "FakeStore" + map;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("Store." + method.getName());
                });
        return (ExtensionContext) Proxy.newProxyInstance(ProdLabIsolationTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getStore" -> store;
                    case "getParent" -> Optional.empty();
                    case "getTestClass" -> Optional.of(ProdLabIsolationTest.class);
                    case "getRequiredTestClass" -> ProdLabIsolationTest.class;
                    case "getDisplayName" -> "fake class context";
                    case "toString" -> "FakeClassContext";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("ExtensionContext." + method.getName());
                });
    }
}
