package odoodr.e2e;

import odoodr.lab.CommandResult;
import odoodr.ssh.ServiceKeyRole;
import odoodr.lab.ProdLab;
import odoodr.lab.StepLines;
import odoodr.process.Command;
import odoodr.process.ProcessResult;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prod's free disk in the health model, measured with the monitor key and nothing else: setup makes and authorises
 * the key (a forced df, no shell, no forwarding), `status` reports prod_disk_free OK with prod's own df numbers, and
 * a key that is not authorised or not there turns the row UNKNOWN with the way back (setup).
 */
class ProdDiskLabTest extends ReplicaLabTest {
    private static final Pattern DETAIL = Pattern.compile("(\\d+) bytes \\(.*\\) free of (\\d+) bytes .*");

    @Test
    @Order(1)
    void setupAuthorisesTheMonitorKeyForDfOnly(ProdLab lab) throws Exception {
        Replica.Run r = replica.run("setup", "--only", "database");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("monitor key of the postgres user", "monitor key authorised on prod (df only)");
        Path key = ServiceKeyRole.MONITOR.privateKey(replica.config());
        assertThat(key).exists();
        assertThat(Files.getOwner(key).getName()).isEqualTo("postgres");
        assertThat(Files.readString(Path.of(key + ".pub"))).endsWith(" odoo-dr-monitor@" + replica.name() + "\n");
        String line = authorizedKeys(lab).lines().filter(l -> l.endsWith(" odoo-dr-monitor@" + replica.name()))
                .findFirst().orElseThrow();
        assertThat(line).startsWith("restrict,command=\"df -P -B1 -- /var/lib/docker\" ssh-ed25519 ");
    }

    @Test
    @Order(2)
    void statusReportsProdsFreeDiskAsProdsDfSeesIt(ProdLab lab) {
        Map<String, Object> row = prodDiskRow();
        assertThat(row).as("%s", row).containsEntry("status", "OK").containsEntry("unit", "ratio");
        Matcher m = DETAIL.matcher((String) row.get("detail"));
        assertThat(m.matches()).as("%s", row.get("detail")).isTrue();
        long free = Long.parseLong(m.group(1));
        long total = Long.parseLong(m.group(2));

        String[] df = lab.exec("df", "-P", "-B1", "/var/lib/docker").requireOk().stdout().strip().lines()
                .reduce((a, b) -> b).orElseThrow().trim().split("\\s+");
        long labTotal = Long.parseLong(df[1]);
        long labFree = Long.parseLong(df[3]);
        System.out.printf("MEASURED prod_disk_free: status %s of %d, lab df %d of %d%n", free, total, labFree, labTotal);
        assertThat(total).isEqualTo(labTotal);
        // prod keeps writing WAL between the two measurements: close, not equal
        assertThat(free).isCloseTo(labFree, org.assertj.core.data.Offset.offset(labTotal / 50));
        assertThat(((Number) row.get("value")).doubleValue()).isCloseTo((double) labFree / labTotal,
                org.assertj.core.data.Offset.offset(0.02));
        assertThat(row.get("detail")).asString().contains("/var/lib/docker");
    }

    @Test
    @Order(3)
    void theMonitorKeyGetsNoShellAndNoForwarding(ProdLab lab) {
        ProcessResult id = ssh(lab, List.of(), "id; echo SHELL-OK");
        assertThat(id.exitCode()).as(id.stderr()).isZero();
        assertThat(id.stdout()).as("sshd runs the forced df whatever is asked").contains("1-blocks", "/var/lib/docker")
                .doesNotContain("uid=").doesNotContain("SHELL-OK");
        ProcessResult sh = ssh(lab, List.of("-tt"), "sh -i");
        assertThat(sh.stdout()).doesNotContain("uid=").doesNotContain("$ ");

        // stdio forwarding to prod's PostgreSQL: refused by restrict
        ProcessResult forward = ssh(lab, List.of("-W", "127.0.0.1:" + lab.pgPort()), null);
        assertThat(forward.exitCode()).isNotZero();
        assertThat(forward.stderr()).contains("prohibited");
    }

    @Test
    @Order(4)
    void aKeyThatIsNotAuthorisedIsUnknownUntilSetupRunsAgain(ProdLab lab) {
        String comment = " odoo-dr-monitor@" + replica.name();
        CommandResult removed = lab.exec("sh", "-c", "f=/home/ubuntu/.ssh/authorized_keys; grep -vF -- \"$1\" $f > $f.t;"
                + " cat $f.t > $f; rm $f.t", "sh", comment);
        assertThat(removed.exitCode()).as(removed.stderr()).isZero();
        assertThat(authorizedKeys(lab)).doesNotContain(comment).contains(" odoo-dr-tunnel@" + replica.name());

        Map<String, Object> row = prodDiskRow();
        assertThat(row).containsEntry("status", "UNKNOWN");
        assertThat(row.get("detail")).asString().startsWith("the monitor key is not authorised on prod");
        assertThat(row.get("hint")).isEqualTo("run odoo-dr setup --only database");

        Replica.Run again = replica.run("setup", "--only", "database");
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(StepLines.of(again.out()).resultOf("monitor key authorised on prod (df only)")).as(again.out()).isEqualTo("done");
        assertThat(prodDiskRow()).containsEntry("status", "OK");
    }

    @Test
    @Order(5)
    void aMissingKeyIsUnknownWithTheWayBack() throws Exception {
        Path key = ServiceKeyRole.MONITOR.privateKey(replica.config());
        Path aside = Path.of(key + ".aside");
        Files.move(key, aside);
        try {
            Map<String, Object> row = prodDiskRow();
            assertThat(row).containsEntry("status", "UNKNOWN");
            assertThat(row.get("detail")).asString().isEqualTo("the monitor key " + key + " is not set up");
            assertThat(row.get("hint")).isEqualTo("run odoo-dr setup --only database");
        } finally {
            Files.move(aside, key);
        }
        assertThat(prodDiskRow()).containsEntry("status", "OK");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> prodDiskRow() {
        Replica.Run r = replica.run("status", "--output", "json");
        assertThat(r.code()).as(r.all()).isZero();
        Map<String, Object> report = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(r.out());
        return ((List<Object>) report.get("checks")).stream().map(o -> (Map<String, Object>) o)
                .filter(c -> "prod_disk_free".equals(c.get("id"))).findFirst().orElseThrow();
    }

    /** ssh to prod with the monitor key (as root: it may read postgres's key), the lab's pinned host key. */
    private ProcessResult ssh(ProdLab lab, List<String> options, String remoteCommand) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-i",
                ServiceKeyRole.MONITOR.privateKey(replica.config()).toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "UserKnownHostsFile=" + lab.knownHosts(), "-o", "StrictHostKeyChecking=yes",
                "-p", Integer.toString(lab.sshPort())));
        argv.addAll(options);
        argv.add(lab.sshUser() + "@" + lab.sshHost());
        if (remoteCommand != null) {
            argv.add(remoteCommand);
        }
        return new ProcessRunner().runAllowingFailure(Command.of(argv).stdin("id\nexit\n").timeout(Duration.ofSeconds(30)).build());
    }

    private static String authorizedKeys(ProdLab lab) {
        return lab.exec("sh", "-c", "cat /home/ubuntu/.ssh/authorized_keys").stdout();
    }
}
