package odoodr.preflight;

import odoodr.ExitCode;
import odoodr.cli.OdooDrCommand;
import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.lab.ProdLab;
import odoodr.lab.ProdLabExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code odoo-dr init --discover} end to end against the prod lab: the real CLI in-process, real ssh and sudo. The
 * lab has no docker engine: first as it is (a prod without docker), then with {@link FakeDocker} answering docker ps
 * and inspect from the runbook's sample deployment. In order: FakeDocker, once installed, stays for the lab's life.
 */
@ExtendWith(ProdLabExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InitDiscoverLabTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run init(Path config, ProdLab lab, int sshPort, String... more) {
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "init", "--discover",
                "--prod-host", lab.sshHost(),
                "--set", "prod.ssh.user=" + lab.sshUser(),
                "--set", "prod.ssh.port=" + sshPort,
                "--set", "prod.ssh.identity_file=" + lab.operatorKey(),
                "--set", "prod.ssh.known_hosts=" + lab.knownHosts()));
        args.addAll(List.of(more));
        CommandLine cl = OdooDrCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(String[]::new));
        System.out.println("$ odoo-dr " + String.join(" ", args) + "   # exit " + code + "\n" + out + err);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @Order(1)
    void onAProdWithoutDockerItSaysSoAndReadsThePostgresListener(ProdLab lab) throws Exception {
        Path file = dir.resolve("odoo-dr.yaml");

        Run r = init(file, lab, lab.sshPort());

        assertThat(r.code()).as(r.all()).isZero();
        // this machine may have a docker client without a daemon, or no docker at all: the lab's prod shares it
        String noDocker = "(prod has no docker|docker does not answer on prod)";
        assertThat(r.err()).containsPattern("odoo-dr: warning: (no docker on prod \\(sudo: docker: command not found\\)"
                + "|docker on prod does not answer \\(Cannot connect to the Docker daemon.*\\)): no container to read;"
                + " looked for a PostgreSQL listener instead");
        Config c = ConfigLoader.load(file);
        assertThat(c.prod().ssh().host()).isEqualTo(lab.sshHost());
        // what ss -ltnp and /proc show of the lab's own PostgreSQL 15
        assertThat(c.prod().pgPort()).isEqualTo(lab.pgPort());
        assertThat(c.postgres().major()).isEqualTo(15);
        String text = Files.readString(file);
        assertThat(text).contains("# discovered: sudo ss -ltnp (postgres listens on ")
                .containsPattern("# not discovered \\(" + noDocker + "\\): default kept, check by hand\n  filestore_path:\n")
                .doesNotContain(lab.superuserPassword());
        assertThat(r.out()).contains("discovered on " + lab.sshUser() + "@" + lab.sshHost())
                .contains("check by hand:").containsPattern("prod.filestore_path: not discovered \\(" + noDocker + "\\)")
                .contains("wrote " + file);
    }

    @Test
    @Order(2)
    void unreachableProdIsAnSshErrorWithAHintAndWritesNothing(ProdLab lab) {
        Path file = dir.resolve("odoo-dr.yaml");

        Run r = init(file, lab, 1); // nothing listens on port 1

        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.SSH.code()).isEqualTo(11);
        assertThat(r.err()).contains("ssh to " + lab.sshUser() + "@" + lab.sshHost() + ":1 failed")
                .contains("hint: check that " + lab.sshHost() + " is up and that port 1 is reachable");
        assertThat(file).doesNotExist();
        assertThat(dir).isEmptyDirectory(); // no temporary file left either
    }

    @Test
    @Order(3)
    void withDockerTheSampleDeploymentAndTheLabsDatabasesAreWrittenAndLoad(ProdLab lab) throws Exception {
        FakeDocker.install(lab);
        Path file = dir.resolve("etc/odoo-dr.yaml");

        Run r = init(file, lab, lab.sshPort());

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        Config c = ConfigLoader.load(file);
        assertThat(c.prod().container()).contains(FakeDocker.ODOO);
        assertThat(c.prod().filestorePath()).contains(Path.of(lab.filestorePath()));
        assertThat(c.prod().pgPort()).isEqualTo(5432); // the sample's db publishes 127.0.0.1:5432
        assertThat(c.postgres().major()).isEqualTo(15);
        assertThat(c.prod().superuser()).isEqualTo("odoo");
        assertThat(c.databases()).containsExactlyElementsOf(lab.databases());
        String text = Files.readString(file);
        assertThat(text)
                .contains("  # discovered: docker inspect odoo-prod Mounts (/var/lib/odoo/filestore)\n"
                        + "  filestore_path: " + lab.filestorePath() + "\n")
                .contains("  # discovered: docker inspect deploy-db-1 NetworkSettings.Ports (5432/tcp on prod's"
                        + " 127.0.0.1)\n  pg_port: 5432\n")
                .contains("  # discovered: docker ps, the only container whose image (odoo:18.0) names odoo\n"
                        + "  container: odoo-prod\n")
                .contains("# discovered: sudo ls " + lab.filestorePath() + " (one directory per database)\n"
                        + "databases: [" + String.join(", ", lab.databases()) + "]\n")
                .contains("  # never discovered: odoo-dr reads no password off prod")
                // the sample's container env holds a (dummy) database password; the lab's is real
                .doesNotContain("odoo-not-a-real-secret-7Qx").doesNotContain(lab.superuserPassword());
        assertThat(FakeDocker.calls(lab))
                .contains("0 ps --format {{.Names}}\t{{.Image}}")
                .contains("0 inspect --type container -- odoo-prod")
                .contains("label=com.docker.compose.service=db");
        assertThat(r.out()).contains("prod.filestore_path").contains("check by hand:")
                .contains("next: check the values above in " + file + ", then run odoo-dr preflight");

        // --force over it, with a container given: that one is inspected and the given value wins
        Run again = init(file, lab, lab.sshPort(), "--force", "--set", "prod.container=odoo-prod",
                "--set", "prod.pg_port=15432");
        assertThat(again.code()).as(again.all()).isZero();
        Config c2 = ConfigLoader.load(file);
        assertThat(c2.prod().pgPort()).isEqualTo(15432);
        assertThat(c2.prod().filestorePath()).contains(Path.of(lab.filestorePath()));
        assertThat(Files.readString(file)).doesNotContain("names odoo\n  container:");
    }
}
