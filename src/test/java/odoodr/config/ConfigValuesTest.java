package odoodr.config;

import static odoodr.config.ConfigFixture.MINIMAL;
import static odoodr.config.ConfigFixture.lastLine;
import static odoodr.config.ConfigFixture.load;
import static odoodr.config.ConfigFixture.loadFailsAt;
import static odoodr.config.ConfigFixture.withValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import odoodr.DrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typed values read through the loader: defaults, good values, and bad ones reported at their key and line. */
class ConfigValuesTest {

    @Test
    void minimalConfigGetsEveryDefault() {
        Config c = load(MINIMAL);
        assertThat(c.replica()).isEqualTo(new ReplicaConfig("prd-vnic", 40000));
        assertThat(c.prod().ssh()).isEqualTo(new ProdSshConfig("ubuntu", "prod.example.com", 22,
                Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(c.prod().pgPort()).isEqualTo(5432);
        assertThat(c.prod().superuser()).isEqualTo("odoo");
        assertThat(c.prod().superuserPasswordFile()).isEmpty();
        assertThat(c.prod().filestorePath()).isEmpty();
        assertThat(c.prod().container()).isEmpty();
        assertThat(c.prod().dataDiskPath()).isEqualTo(Path.of("/var/lib/docker"));
        assertThat(c.postgres()).isEqualTo(new PostgresConfig(15, "main", 5432, true, "replicator"));
        assertThat(c.databases()).containsExactly("odoo");
        assertThat(c.filestore()).isEqualTo(new FilestoreConfig(Path.of("/var/lib/odoo/filestore"), Duration.ofHours(1),
                Duration.ofSeconds(5)));
        assertThat(c.agent().listen()).isEqualTo(new HostPort("127.0.0.1", 9187));
        assertThat(c.slotName()).isEqualTo("replica_prd_vnic");
        assertThat(c.applicationName()).isEqualTo("prd-vnic_replica");
    }

    @Test
    void designDocumentExampleLoads() {
        Config c = load("""
                replica:
                  name: prd-vnic              # default: short hostname; slot = replica_<name with - → _>
                  tunnel_port: 40000
                prod:
                  ssh: { user: ubuntu, host: prod.example.com, port: 22 }
                  pg_port: 5432               # port the container publishes on prod's loopback
                  superuser: odoo             # used only during setup
                  superuser_password_file: /root/.config/odoo-dr/prod-superuser   # 0600
                  filestore_path: /var/lib/docker/volumes/odoo_odoo-data/_data/filestore
                  container: odoo             # optional, for --discover
                postgres:
                  major: 15
                  cluster: main               # Debian cluster (/etc/postgresql/15/main)
                  port: 5432                  # the standby's own port on the replica
                  hot_standby_feedback: true  # on for reporting replicas, off for pure DR (gotcha 6)
                databases: [odoo]             # Odoo databases whose filestores are mirrored
                filestore:
                  local_base: /var/lib/odoo/filestore
                  full_sync_interval: 1h      # safety-net rsync
                agent:
                  listen: 127.0.0.1:9187
                """);
        assertThat(c.prod().filestorePath()).contains(Path.of("/var/lib/docker/volumes/odoo_odoo-data/_data/filestore"));
        assertThat(c.prod().superuserPasswordFile()).contains(Path.of("/root/.config/odoo-dr/prod-superuser"));
        assertThat(c.prod().container()).contains("odoo");
        assertThat(c.source().lineOf(ConfigKeys.PROD_SSH_HOST)).hasValue(5);
    }

    @Test
    void everyKeyCanBeSet() {
        Config c = load("""
                replica: {name: dr-2, tunnel_port: 41000}
                prod:
                  ssh: {user: admin, host: "2001:db8::7", port: 2222, identity_file: /root/.ssh/id_ed25519,
                        known_hosts: /root/.ssh/known_hosts}
                  pg_port: 15432
                  superuser: postgres
                  container: 3f2a9c
                postgres: {major: 16, cluster: dr, port: 5433, hot_standby_feedback: false, replication_user: repl_dr}
                databases: [odoo, odoo-test.2]
                filestore: {local_base: /srv/odoo/filestore/, full_sync_interval: 1h30m, sync_interval: 2s}
                agent: {listen: "[::1]:9999"}
                """);
        assertThat(c.replica().name()).isEqualTo("dr-2");
        assertThat(c.slotName()).isEqualTo("replica_dr_2");
        assertThat(c.applicationName()).isEqualTo("dr-2_replica");
        assertThat(c.prod().ssh()).isEqualTo(new ProdSshConfig("admin", "2001:db8::7", 2222,
                Optional.of(Path.of("/root/.ssh/id_ed25519")), Optional.of(Path.of("/root/.ssh/known_hosts")), Optional.empty()));
        assertThat(c.postgres()).isEqualTo(new PostgresConfig(16, "dr", 5433, false, "repl_dr"));
        assertThat(c.databases()).containsExactly("odoo", "odoo-test.2");
        assertThat(c.filestore().localBase()).isEqualTo(Path.of("/srv/odoo/filestore"));
        assertThat(c.filestore().fullSyncInterval()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.filestore().syncInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.agent().listen().toString()).isEqualTo("[::1]:9999");
    }

    @Test
    void hostKeyFingerprintIsKeptAsWritten() {
        String fp = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
        assertThat(ConfigFixture.load(withValue("prod.ssh.host_key_fingerprint", fp)).prod().ssh().hostKeyFingerprint())
                .contains(fp);
        assertThat(ConfigFixture.load(ConfigFixture.MINIMAL).prod().ssh().hostKeyFingerprint()).isEmpty();
    }

    @Test
    void emptyValueMeansDefault() {
        Config c = load(MINIMAL + "replica:\n  tunnel_port:\npostgres:\ndatabases:\n");
        assertThat(c.replica().tunnelPort()).isEqualTo(40000);
        assertThat(c.databases()).containsExactly("odoo");
    }

    @Test
    void quotedDigitsAreAPort() {
        assertThat(load(withValue("prod.pg_port", "\"6543\"")).prod().pgPort()).isEqualTo(6543);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            prod.pg_port                 | 0            | out of range
            prod.pg_port                 | 70000        | out of range
            prod.pg_port                 | 65536        | out of range
            prod.pg_port                 | abc          | expected a port number (1-65535), found `abc`
            prod.pg_port                 | -1           | expected a port number
            prod.pg_port                 | 0x1F         | expected a port number
            prod.pg_port                 | 54.32        | expected a port number
            prod.ssh.port                | 0            | out of range
            replica.tunnel_port          | 99999        | out of range
            postgres.port                | '""'         | expected a port number (1-65535), found ``
            filestore.full_sync_interval | 3600         | has no unit
            filestore.full_sync_interval | 1x           | is not a duration
            filestore.full_sync_interval | 1m1h         | is not a duration
            filestore.full_sync_interval | 0s           | longer than 0s
            filestore.full_sync_interval | 1.5h         | is not a duration
            filestore.full_sync_interval | '""'         | is not a duration
            filestore.sync_interval      | 5            | has no unit
            filestore.sync_interval      | 0s           | longer than 0s
            postgres.major               | 9            | needs 12 or newer
            postgres.major               | 100          | not supported
            postgres.hot_standby_feedback | on          | expected true or false, found `on`
            postgres.hot_standby_feedback | 1           | expected true or false
            agent.listen                 | 9187         | has no :port
            agent.listen                 | 127.0.0.1:0  | out of range
            agent.listen                 | ::1:9187     | needs brackets
            agent.listen                 | '"host:"'    | expected a port number
            filestore.local_base         | /            | is a system directory
            filestore.local_base         | /etc         | is a system directory
            filestore.local_base         | /var/lib/postgresql | is a system directory
            filestore.local_base         | /var/lib/postgresql/15/main/base | is a system directory
            filestore.local_base         | /var/lib     | is a system directory
            filestore.local_base         | /etc/cron.d  | is a system directory
            filestore.local_base         | /root/mirror | is a system directory
            filestore.local_base         | var/lib/odoo | must start with /
            filestore.local_base         | ~/filestore  | ~ is not expanded
            prod.filestore_path          | /srv/../etc  | .. segment
            prod.data_disk_path          | var/lib      | must start with /
            prod.data_disk_path          | /srv/../etc  | .. segment
            prod.ssh.host_key_fingerprint | 'MD5:1f:2e:3d:4c:5b:6a:79:88:97:a6:b5:c4:d3:e2:f1:00' | is not a SHA256 host key fingerprint
            prod.ssh.host_key_fingerprint | SHA256:tooShort | is not a SHA256 host key fingerprint
            prod.ssh.host_key_fingerprint | uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s | is not a SHA256 host key fingerprint
            """)
    void badValueIsReportedAtItsKeyAndLine(String key, String value, String problem) {
        String yaml = withValue(key, value);
        DrException e = loadFailsAt(yaml, key, lastLine(yaml));
        assertThat(e.getMessage()).contains(problem);
        assertThat(e.hint()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            30s     | PT30S
            5m      | PT5M
            1h      | PT1H
            1h30m   | PT1H30M
            2d      | PT48H
            1d2h3m4s | PT26H3M4S
            """)
    void durations(String text, Duration expected) {
        assertThat(load(withValue("filestore.full_sync_interval", text)).filestore().fullSyncInterval())
                .isEqualTo(expected);
    }

    @Test
    void databaseNamesAcceptWhatOdooAccepts() {
        assertThat(load(MINIMAL + "databases: [odoo, Odoo_17, prod-2024.01, \"123\"]\n").databases())
                .isEqualTo(List.of("odoo", "Odoo_17", "prod-2024.01", "123"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            '\"../etc\"'       | starts with `.`
            '\".hidden\"'      | starts with `.`
            '\"a/b\"'          | contains `/`
            '\"a b\"'          | contains a space
            '\"a\\tb\"'        | control character
            '\"odoo;rm\"'      | contains `;`
            '\"-odoo\"'        | starts with -
            '\"caf\u00e9\"'    | contains `\u00e9`
            '\"\"'             | cannot be empty
            """)
    void badDatabaseNames(String item, String problem) {
        String yaml = MINIMAL + "databases: [odoo, " + item + "]\n";
        DrException e = loadFailsAt(yaml, "databases[1]", 4);
        assertThat(e.getMessage()).contains(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            postgres.replication_user | Replicator  | starts with `R`
            postgres.replication_user | repl-user   | contains `-`
            postgres.replication_user | 1repl       | starts with `1`
            prod.superuser            | 'odoo admin' | contains a space
            postgres.cluster          | 'a/b'       | contains `/`
            prod.container            | '-odoo'     | starts with -
            prod.ssh.user             | Ubuntu      | starts with `U`
            """)
    void badNames(String key, String value, String problem) {
        String yaml = withValue(key, value);
        DrException e = loadFailsAt(yaml, key, lastLine(yaml));
        assertThat(e.getMessage()).contains(problem);
    }

    @Test
    void identifierLongerThanNamedatalenIsRefused() {
        String yaml = withValue("postgres.replication_user", "r".repeat(64));
        DrException e = loadFailsAt(yaml, "postgres.replication_user", lastLine(yaml));
        assertThat(e.getMessage()).contains("64 bytes").contains("at most 63");
    }
}
