package odoodr.prod;

import odoodr.config.Config;
import odoodr.config.ConfigKeys;
import odoodr.config.ConfigLoader;
import odoodr.config.ConfigTemplate;
import odoodr.process.ProcessResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@link Discovery} against canned prod outputs: docker inspect is the real samples (see the README next to them),
 * docker ps / ls / ss / readlink are what those programs print. Discovery is a pure function of these outputs.
 */
class DiscoveryTest {
    private static final String ODOO_ID = "e3a1c5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3";
    private static final String DB_ID = "b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4";
    private static final String SAMPLE_PASSWORD = "odoo-not-a-real-secret-7Qx";
    private static final String PS_ARGV = "sudo -n docker ps --format {{.Names}}\t{{.Image}}";
    private static final String COMPOSE_DB = "sudo -n docker ps -a -q --no-trunc"
            + " --filter label=com.docker.compose.project=deploy --filter label=com.docker.compose.service=db";

    /** Answers by the joined argv; anything not scripted fails like a missing program, and is recorded. */
    static final class FakeProd implements ProdCommands {
        final Map<String, ProcessResult> answers = new LinkedHashMap<>();
        final List<List<String>> calls = new ArrayList<>();

        FakeProd answer(String argv, int code, String stdout, String stderr) {
            answers.put(argv, new ProcessResult(code, stdout.getBytes(StandardCharsets.UTF_8),
                    stderr.getBytes(StandardCharsets.UTF_8), Duration.ZERO));
            return this;
        }

        FakeProd answer(String argv, String stdout) {
            return answer(argv, 0, stdout, "");
        }

        @Override
        public ProcessResult run(List<String> argv) {
            calls.add(argv);
            return answers.getOrDefault(String.join(" ", argv), new ProcessResult(1, new byte[0],
                    "not scripted\n".getBytes(StandardCharsets.UTF_8), Duration.ZERO));
        }
    }

    /** The runbook's deployment: Odoo with its data volume, PostgreSQL 15 published on 127.0.0.1:5432. */
    static FakeProd loopbackDeployment() {
        List<String> containers = elements(InspectSamples.read(InspectSamples.ODOO_LOOPBACK_DB));
        String odoo = "[" + containers.get(0) + "]";
        String db = "[" + containers.get(1) + "]";
        return new FakeProd()
                .answer(PS_ARGV, "odoo-prod\todoo:18.0\ndeploy-db-1\tpostgres:15\nnginx\tnginx:1.27\n")
                .answer("sudo -n docker inspect --type container -- odoo-prod", odoo)
                .answer(COMPOSE_DB, DB_ID + "\n")
                .answer("sudo -n docker inspect --type container -- " + DB_ID, db)
                .answer("sudo -n docker inspect --type container -- deploy-db-1", db)
                .answer("sudo -n ls -1p -- /var/lib/docker/volumes/deploy_odoo-web-data/_data/filestore",
                        "odoo/\nodoo_test/\nnotes.txt\n");
    }

    @Test
    void theRunbooksDeploymentIsReadOffDockerInspectAndTheFilestore() {
        FakeProd prod = loopbackDeployment();

        Discovery.Result r = Discovery.discover(prod, Map.of());

        assertThat(r.values()).containsExactly(
                entry(ConfigKeys.PROD_CONTAINER, "odoo-prod"),
                entry(ConfigKeys.PROD_FILESTORE_PATH, "/var/lib/docker/volumes/deploy_odoo-web-data/_data/filestore"),
                entry(ConfigKeys.DATABASES, "odoo,odoo_test"),
                entry(ConfigKeys.PROD_PG_PORT, "5432"),
                entry(ConfigKeys.POSTGRES_MAJOR, "15"),
                entry(ConfigKeys.PROD_SUPERUSER, "odoo"),
                entry(ConfigKeys.PROD_DATA_DISK_PATH, "/var/lib/docker/volumes/deploy_odoo-db-data/_data"));
        assertThat(r.notDiscovered()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.comments())
                .containsEntry(ConfigKeys.PROD_FILESTORE_PATH,
                        "discovered: docker inspect odoo-prod Mounts (/var/lib/odoo/filestore)")
                .containsEntry(ConfigKeys.PROD_PG_PORT,
                        "discovered: docker inspect deploy-db-1 NetworkSettings.Ports (5432/tcp on prod's 127.0.0.1)")
                .containsEntry(ConfigKeys.POSTGRES_MAJOR, "discovered: docker inspect deploy-db-1 Config.Env PG_MAJOR")
                .containsEntry(ConfigKeys.PROD_CONTAINER,
                        "discovered: docker ps, the only container whose image (odoo:18.0) names odoo");
        // read-only, and only through passwordless sudo
        assertThat(prod.calls).allSatisfy(argv -> {
            assertThat(argv.subList(0, 2)).containsExactly("sudo", "-n");
            assertThat(argv.get(2).equals("docker") ? argv.get(3) : argv.get(2)).isIn("ps", "inspect", "ls");
        });
        // the environment holds the database password: nothing of it leaves discovery
        assertThat(r.toString()).doesNotContain(SAMPLE_PASSWORD);
    }

    @Test
    void theDiscoveredConfigLoadsWithTheValuesAndSaysWhereEachCameFrom() {
        Discovery.Result r = Discovery.discover(loopbackDeployment(), Map.of());
        Map<String, String> values = new LinkedHashMap<>(r.values());
        values.put(ConfigKeys.PROD_SSH_HOST, "prod.example.com");

        String text = ConfigTemplate.render(values, "prd-vnic", r.comments());

        Config c = ConfigLoader.loadString(text, "discovered.yaml");
        assertThat(c.prod().container()).contains("odoo-prod");
        assertThat(c.prod().filestorePath())
                .contains(Path.of("/var/lib/docker/volumes/deploy_odoo-web-data/_data/filestore"));
        assertThat(c.prod().pgPort()).isEqualTo(5432);
        assertThat(c.prod().superuser()).isEqualTo("odoo");
        assertThat(c.postgres().major()).isEqualTo(15);
        assertThat(c.databases()).containsExactly("odoo", "odoo_test");
        assertThat(text).contains("""
                  # discovered: docker inspect odoo-prod Mounts (/var/lib/odoo/filestore)
                  filestore_path: /var/lib/docker/volumes/deploy_odoo-web-data/_data/filestore
                """).contains("""
                  # discovered: docker inspect deploy-db-1 Config.Env PG_MAJOR
                  major: 15
                """).contains("""
                # discovered: sudo ls /var/lib/docker/volumes/deploy_odoo-web-data/_data/filestore (one directory per database)
                databases: [odoo, odoo_test]
                """).doesNotContain(SAMPLE_PASSWORD);
    }

    @Test
    void aBindMountedDataDirAndAnUnpublishedDatabaseSayWhatIsMissing() {
        List<String> containers = elements(InspectSamples.read(InspectSamples.ODOO_TAIJI));
        FakeProd prod = new FakeProd()
                .answer(PS_ARGV, "wuchang_os_odoo_18\todoo:18.0\nwuchang_os_pg\tpostgres:15\n")
                .answer("sudo -n docker inspect --type container -- wuchang_os_odoo_18", "[" + containers.get(0) + "]")
                .answer("sudo -n docker inspect --type container -- db", 1, "[]\n", "Error: No such container: db\n")
                .answer("sudo -n ls -1p -- /home/taiji_01/Taiji_Hub/Taiji_Odoo/odoo_data/filestore", "taiji/\n")
                .answer("sudo -n ss -Hltnp", "LISTEN 0 4096 0.0.0.0:8069 0.0.0.0:* users:((\"docker-proxy\",pid=9,fd=4))\n");

        Discovery.Result r = Discovery.discover(prod, Map.of());

        assertThat(r.values()).containsExactly(
                entry(ConfigKeys.PROD_CONTAINER, "wuchang_os_odoo_18"),
                entry(ConfigKeys.PROD_FILESTORE_PATH, "/home/taiji_01/Taiji_Hub/Taiji_Odoo/odoo_data/filestore"),
                entry(ConfigKeys.DATABASES, "taiji"));
        // HOST=db names a compose service, but the lookup by project label finds nothing and "db" is no container
        assertThat(r.notDiscovered()).containsOnlyKeys(ConfigKeys.PROD_PG_PORT, ConfigKeys.POSTGRES_MAJOR,
                ConfigKeys.PROD_SUPERUSER, ConfigKeys.PROD_DATA_DISK_PATH);
        assertThat(r.notDiscovered().get(ConfigKeys.POSTGRES_MAJOR))
                .isEqualTo("Odoo's database host db is not a PostgreSQL container here");
        assertThat(r.notDiscovered().get(ConfigKeys.PROD_PG_PORT)).isEqualTo("Odoo's database host db is not a"
                + " PostgreSQL container here, and no postgres process listens on prod's 127.0.0.1");
        assertThat(r.comments().get(ConfigKeys.PROD_PG_PORT)).startsWith("not discovered (").endsWith("check by hand");
    }

    @Test
    void theDatabaseContainerOfTheTaijiSampleIsNotPublishedOnTheHost() {
        List<String> containers = elements(InspectSamples.read(InspectSamples.ODOO_TAIJI));
        FakeProd prod = new FakeProd()
                .answer(PS_ARGV, "wuchang_os_odoo_18\todoo:18.0\nwuchang_os_pg\tpostgres:15\n")
                .answer("sudo -n docker inspect --type container -- wuchang_os_pg", "[" + containers.get(1) + "]")
                .answer("sudo -n ss -Hltnp", "");

        // the operator names the PostgreSQL container itself
        Discovery.Result r = Discovery.discover(prod, Map.of(ConfigKeys.PROD_CONTAINER, "wuchang_os_pg"));

        assertThat(r.values()).containsExactly(
                entry(ConfigKeys.POSTGRES_MAJOR, "15"),
                entry(ConfigKeys.PROD_SUPERUSER, "odoo"),
                entry(ConfigKeys.PROD_DATA_DISK_PATH, "/var/lib/docker/volumes/taiji_odoo_odoo-db-data/_data"));
        assertThat(r.found()).doesNotContainKey(ConfigKeys.PROD_CONTAINER); // given: never overwritten nor listed
        assertThat(r.notDiscovered().get(ConfigKeys.PROD_PG_PORT))
                .contains("wuchang_os_pg publishes port 5432 on no host address reachable as 127.0.0.1");
        assertThat(r.notDiscovered().get(ConfigKeys.PROD_FILESTORE_PATH))
                .isEqualTo("wuchang_os_pg is a PostgreSQL container, not Odoo's");
    }

    @Test
    void withoutDockerAPostgresListenerOnLoopbackGivesPortMajorAndDataDirectory() {
        FakeProd prod = new FakeProd()
                .answer(PS_ARGV, 1, "", "sudo: docker: command not found\n")
                .answer("sudo -n ss -Hltnp", """
                        LISTEN 0      128          0.0.0.0:22        0.0.0.0:*    users:(("sshd",pid=601,fd=3))
                        LISTEN 0      244        127.0.0.1:5433      0.0.0.0:*    users:(("postgres",pid=812,fd=6))
                        LISTEN 0      244            [::1]:5433         [::]:*    users:(("postgres",pid=812,fd=5))
                        """)
                .answer("sudo -n readlink -- /proc/812/exe", "/usr/lib/postgresql/16/bin/postgres\n")
                .answer("sudo -n readlink -- /proc/812/cwd", "/var/lib/postgresql/16/main\n");

        Discovery.Result r = Discovery.discover(prod, Map.of());

        assertThat(r.warnings()).singleElement().asString()
                .startsWith("no docker on prod (sudo: docker: command not found)");
        assertThat(r.values()).containsExactly(
                entry(ConfigKeys.PROD_PG_PORT, "5433"),
                entry(ConfigKeys.POSTGRES_MAJOR, "16"),
                entry(ConfigKeys.PROD_DATA_DISK_PATH, "/var/lib/postgresql/16/main"));
        assertThat(r.found().get(ConfigKeys.PROD_PG_PORT).source())
                .isEqualTo("sudo ss -ltnp (postgres listens on 127.0.0.1:5433)");
        assertThat(r.notDiscovered()).containsOnlyKeys(ConfigKeys.PROD_CONTAINER, ConfigKeys.PROD_FILESTORE_PATH,
                ConfigKeys.DATABASES, ConfigKeys.PROD_SUPERUSER).containsValue("prod has no docker");
    }

    @Test
    void withoutDockerAndWithoutAnythingElseEveryKeyIsExplained() {
        FakeProd prod = new FakeProd().answer(PS_ARGV, 1, "", "sudo: docker: command not found\n")
                .answer("sudo -n ss -Hltnp", 1, "", "sudo: ss: command not found\n");

        Discovery.Result r = Discovery.discover(prod, Map.of(ConfigKeys.PROD_SUPERUSER, "postgres"));

        assertThat(r.found()).isEmpty();
        assertThat(r.notDiscovered().keySet()).containsExactlyElementsOf(Discovery.KEYS.stream()
                .filter(k -> !k.equals(ConfigKeys.PROD_SUPERUSER)).toList());
        assertThat(r.warnings()).hasSize(2);
    }

    @Test
    void aDockerWithoutItsDaemonIsNoDockerEither() {
        FakeProd prod = new FakeProd().answer(PS_ARGV, 1, "", "Cannot connect to the Docker daemon at"
                        + " unix:///var/run/docker.sock. Is the docker daemon running?\n")
                .answer("sudo -n ss -Hltnp", "");

        Discovery.Result r = Discovery.discover(prod, Map.of());

        assertThat(r.warnings()).singleElement().asString().startsWith("docker on prod does not answer (Cannot connect")
                .endsWith("looked for a PostgreSQL listener instead");
        assertThat(r.notDiscovered()).containsEntry(ConfigKeys.PROD_FILESTORE_PATH, "docker does not answer on prod")
                .containsEntry(ConfigKeys.PROD_PG_PORT, "no postgres process listens on prod's 127.0.0.1");
    }

    @Test
    void sudoThatWantsAPasswordIsAWarningThatSaysSo() {
        FakeProd prod = new FakeProd().answer(PS_ARGV, 1, "", "sudo: a password is required\n")
                .answer("sudo -n ss -Hltnp", 1, "", "sudo: a password is required\n");

        Discovery.Result r = Discovery.discover(prod, Map.of());

        assertThat(r.warnings().get(0)).contains("a password is required").contains("passwordless sudo");
        assertThat(r.found()).isEmpty();
    }

    @Test
    void severalOdooContainersAreNotGuessedBetween() {
        FakeProd prod = new FakeProd().answer(PS_ARGV, "odoo-prod\todoo:18.0\nodoo-staging\todoo:17.0\n")
                .answer("sudo -n ss -Hltnp", "");

        Discovery.Result r = Discovery.discover(prod, Map.of());

        assertThat(r.found()).isEmpty();
        assertThat(r.warnings().get(0)).contains("several Odoo containers run on prod: odoo-prod (odoo:18.0),"
                + " odoo-staging (odoo:17.0)").contains("--set prod.container=NAME");
        assertThat(prod.calls).noneMatch(argv -> argv.contains("inspect"));
    }

    @Test
    void aGivenContainerIsInspectedWithoutLookingForOne() {
        FakeProd prod = loopbackDeployment().answer(PS_ARGV, "odoo-prod\todoo:18.0\nodoo-staging\todoo:17.0\n");

        Discovery.Result r = Discovery.discover(prod, Map.of(ConfigKeys.PROD_CONTAINER, "odoo-prod",
                ConfigKeys.PROD_PG_PORT, "15432"));

        assertThat(r.found()).doesNotContainKeys(ConfigKeys.PROD_CONTAINER, ConfigKeys.PROD_PG_PORT)
                .containsKeys(ConfigKeys.PROD_FILESTORE_PATH, ConfigKeys.POSTGRES_MAJOR, ConfigKeys.DATABASES);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aFilestoreDirectoryThatIsNotADatabaseNameIsLeftOutWithAWarning() {
        FakeProd prod = loopbackDeployment().answer(
                "sudo -n ls -1p -- /var/lib/docker/volumes/deploy_odoo-web-data/_data/filestore",
                "odoo/\n.cache/\nbad name/\n");

        Discovery.Result r = Discovery.discover(prod, Map.of());

        assertThat(r.values()).containsEntry(ConfigKeys.DATABASES, "odoo");
        assertThat(r.warnings()).singleElement().asString().contains(".cache, bad name");
    }

    @Test
    void majorFromTheImageTag() {
        assertThat(Discovery.tagMajor("postgres:15")).contains("15");
        assertThat(Discovery.tagMajor("postgres:15.4-alpine")).contains("15");
        assertThat(Discovery.tagMajor("postgis/postgis:16-3.4")).contains("16");
        assertThat(Discovery.tagMajor("registry.local:5000/postgres:14@sha256:abc")).contains("14");
        assertThat(Discovery.tagMajor("registry.local:5000/postgres")).isEmpty();
        assertThat(Discovery.tagMajor("postgres:latest")).isEmpty();
        assertThat(Discovery.tagMajor("postgres")).isEmpty();
    }

    @Test
    void commentLinesAreSanitisedAndNeverReadAsPlaceholders() {
        String text = ConfigTemplate.render(Map.of(), "prd-vnic",
                Map.of(ConfigKeys.PROD_CONTAINER, "discovered: a\nb: %{prod.ssh.host}"));
        assertThat(text).contains("  # discovered: a b: % {prod.ssh.host}\n  container:\n");
    }

    /** The top-level objects of a JSON array, as text (a string-aware brace count). */
    static List<String> elements(String jsonArray) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = 0; i < jsonArray.length(); i++) {
            char c = jsonArray.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == '}' && --depth == 0) {
                out.add(jsonArray.substring(start, i + 1));
            }
        }
        return out;
    }
}
