package odoodr.cli;

import odoodr.ExitCode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bad config values as an operator meets them: through the real command line, for every command that reads the
 * config. Each must end in one line naming the key and the file line, a hint, and exit 10 (config) — never a stack
 * trace, a hang, or exit 1 (internal error).
 */
class BadConfigCliTest {
    private static final List<String> GOOD = List.of(
            "replica:",
            "  name: dr1",
            "  tunnel_port: 40000",
            "prod:",
            "  ssh:",
            "    user: ubuntu",
            "    host: prod.example.com",
            "    port: 22",
            "  pg_port: 5432",
            "  superuser: odoo",
            "  superuser_password_file: /root/.config/odoo-dr/prod-superuser",
            "  filestore_path: /var/lib/docker/volumes/odoo_odoo-data/_data/filestore",
            "postgres:",
            "  major: 15",
            "  cluster: main",
            "  port: 5433",
            "  replication_user: replicator",
            "  hot_standby_feedback: true",
            "databases: [odoo]",
            "filestore:",
            "  local_base: /var/lib/odoo/filestore",
            "  full_sync_interval: 1h",
            "agent:",
            "  listen: 127.0.0.1:9187");

    @TempDir
    Path dir;

    /** key as the message names it, the line of GOOD it replaces (by its start), the bad line */
    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("replica.tunel_port", "  tunnel_port:", "  tunel_port: 40000"),
                bad("replica.tunnel_port", "  tunnel_port:", "  tunnel_port: 0"),
                bad("replica.tunnel_port", "  tunnel_port:", "  tunnel_port: 70000"),
                bad("replica.tunnel_port", "  tunnel_port:", "  tunnel_port: forty"),
                bad("replica.tunnel_port", "  tunnel_port:", "  tunnel_port: [1, 2]"),
                bad("replica.tunnel_port", "  tunnel_port:", "  tunnel_port: 99999999999999999999"),
                bad("replica.name", "  name: dr1", "  name: \"dr 1; rm -rf /\""),
                bad("replica.name", "  name: dr1", "  name: {a: 1}"),
                bad("replica.name", "  name: dr1", "  name: " + "x".repeat(200)),
                bad("prod.ssh.host", "    host:", "    host: \"prod.example.com; touch /tmp/pwned\""),
                bad("prod.ssh.host", "    host:", "    host: -oProxyCommand=id"),
                bad("prod.ssh.user", "    user:", "    user: \"$(id)\""),
                bad("prod.ssh.port", "    port: 22", "    port: 99999"),
                bad("prod.pg_port", "  pg_port:", "  pg_port: -1"),
                bad("prod.superuser", "  superuser:", "  superuser: \"odoo\\\"; DROP ROLE x; --\""),
                bad("prod.superuser_password_file", "  superuser_password_file:", "  superuser_password_file: relative/file"),
                bad("prod.filestore_path", "  filestore_path:", "  filestore_path: \"/data/`id`\""),
                bad("postgres.major", "  major:", "  major: 9"),
                bad("postgres.major", "  major:", "  major: fifteen"),
                bad("postgres.cluster", "  cluster:", "  cluster: ../../etc"),
                bad("postgres.port", "  tunnel_port:", "  tunnel_port: 5433"),
                bad("postgres.replication_user", "  replication_user:", "  replication_user: postgres"),
                bad("postgres.replication_user", "  replication_user:", "  replication_user: odoo"),
                bad("postgres.replication_user", "  replication_user:", "  replication_user: pg_monitor"),
                bad("postgres.hot_standby_feedback", "  hot_standby_feedback:", "  hot_standby_feedback: maybe"),
                bad("databases", "databases:", "databases: [\"odoo; DROP DATABASE odoo\"]"),
                bad("databases", "databases:", "databases: odoo"),
                bad("filestore.local_base", "  local_base:", "  local_base: var/lib/odoo"),
                bad("filestore.local_base", "  local_base:", "  local_base: /etc"),
                bad("filestore.local_base", "  local_base:", "  local_base: /var/lib/postgresql"),
                bad("filestore.full_sync_interval", "  full_sync_interval:", "  full_sync_interval: 5 parsecs"),
                bad("filestore.full_sync_interval", "  full_sync_interval:", "  full_sync_interval: -1h"),
                bad("filestore.full_sync_interval", "  full_sync_interval:", "  full_sync_interval: 9999999999999d"),
                bad("agent.listen", "  listen:", "  listen: 0.0.0.0:9187"),
                bad("agent.listen", "  listen:", "  listen: 127.0.0.1:99999"),
                bad("agent.listen", "  listen:", "  listen: \"127.0.0.1\""));
    }

    private static Arguments bad(String key, String replacedLineStart, String badLine) {
        return Arguments.of(key, replacedLineStart, badLine);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badValues")
    void aBadValueIsOneLineWithKeyAndFileLineAHintAndExit10(String key, String replacedLineStart, String badLine)
            throws IOException {
        int line = lineStartingWith(replacedLineStart);
        List<String> lines = new java.util.ArrayList<>(GOOD);
        lines.set(line - 1, badLine);
        Path file = dir.resolve("odoo-dr.yaml");
        Files.write(file, lines);
        for (String[] command : List.of(new String[] {"status"}, new String[] {"setup", "--dry-run"},
                new String[] {"preflight"}, new String[] {"decommission"})) {
            String[] argv = Stream.concat(Stream.of("--config", file.toString()), Stream.of(command))
                    .toArray(String[]::new);
            CliTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliTest.run(argv));
            String what = String.join(" ", command) + " with " + badLine + "\n" + r.err();
            assertThat(r.code()).as(what).isEqualTo(ExitCode.CONFIG.code());
            List<String> err = r.err().lines().toList();
            assertThat(err).as(what).hasSize(2);
            assertThat(err.get(0)).as(what).startsWith("odoo-dr: ").contains(key).contains(file + ":" + line);
            assertThat(err.get(1)).as(what).startsWith("  hint: ").hasSizeGreaterThan("  hint: ".length() + 10);
            assertThat(r.err()).as(what).doesNotContain("Exception", "\tat ");
            assertThat(r.out()).as(what).isEmpty();
        }
    }

    /** A config path that is not a config file at all: each is refused at once, never read into a hang. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aConfigPathThatIsNotASmallYamlFileIsExit10WithAHint(String what, String path) throws Exception {
        Path file = path.startsWith("/dev/") ? Path.of(path) : dir.resolve(path);
        switch (path) {
            case "fifo" -> new ProcessBuilder("mkfifo", file.toString()).start().waitFor();
            case "deep.yaml" -> Files.writeString(file, "a: " + "[".repeat(5000));
            case "huge.yaml" -> Files.writeString(file, "# " + "x".repeat(2 << 20) + "\n");
            case "dir" -> Files.createDirectory(file);
            case "link.yaml" -> Files.createSymbolicLink(file, Path.of("/dev/zero"));
            default -> { }
        }
        CliTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CliTest.run("--config", file.toString(), "status"));
        assertThat(r.code()).as(what + ": " + r.err()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.err().lines().toList()).as(what).hasSize(2)
                .satisfies(l -> assertThat(l.get(0)).startsWith("odoo-dr: ").contains(file.toString()))
                .satisfies(l -> assertThat(l.get(1)).startsWith("  hint: "));
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(Arguments.of("a FIFO", "fifo"), Arguments.of("/dev/zero", "/dev/zero"),
                Arguments.of("5000 nested lists", "deep.yaml"), Arguments.of("over 1 MiB", "huge.yaml"),
                Arguments.of("a directory", "dir"), Arguments.of("a link to /dev/zero", "link.yaml"),
                Arguments.of("missing", "missing.yaml"));
    }

    private static int lineStartingWith(String start) {
        for (int i = 0; i < GOOD.size(); i++) {
            if (GOOD.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + start);
    }
}
