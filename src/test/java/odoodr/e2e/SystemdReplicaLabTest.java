package odoodr.e2e;

import odoodr.lab.CommandResult;
import odoodr.lab.DebPackage;
import odoodr.lab.LabWriter;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.lab.ProdLabExtension;
import odoodr.lab.SystemdContainer;
import odoodr.lab.SystemdContainerExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * odoo-dr as a real replica host runs it: the .deb of this tree installed with apt in a booted Debian 12 container
 * whose PID 1 is systemd, a prod lab as prod (reached only over ssh). setup installs and enables the units (not the
 * detached agent of the other lab tests); systemd restarts the agent after kill -9, keeps the standby serving reads
 * while the agent is stopped, brings both back after a reboot; the agent's log levels reach journald as priorities;
 * decommission and apt purge leave no unit, package file, key or process, and keep the standby's data. One boot of
 * the container serves the tests, in order.
 */
@ExtendWith(ProdLabExtension.class)
@ExtendWith(SystemdContainerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemdReplicaLabTest {
    private static final String CONFIG = "/etc/odoo-dr/odoo-dr.yaml";
    private static final String LAB_FILES = "/etc/odoo-dr/lab";   // the operator's key, known_hosts, password file
    private static final String CLUSTER = "drstandby";
    private static final int STANDBY_PORT = 5433;
    private static final String AGENT = "odoo-dr-agent.service";
    private static final String POSTGRES = "postgresql@15-" + CLUSTER + ".service";
    private static final String MIRROR = "/var/lib/odoo/filestore/odoo/";
    private static final Duration GREEN = Duration.ofSeconds(60);

    private CommandResult odooDr(SystemdContainer replica, String... args) {
        List<String> argv = new ArrayList<>(List.of("odoo-dr", "--config", CONFIG));
        argv.addAll(List.of(args));
        return replica.exec(Duration.ofMinutes(5), argv.toArray(String[]::new));
    }

    /**
     * SQL on the standby over its Unix socket. The standby is a copy of prod, so its roles are prod's (no "postgres"):
     * as the OS user odoo (setup made it) for the lab's superuser odoo, by the cluster's local peer rule.
     */
    private static CommandResult standbyQuery(SystemdContainer replica, String sql) {
        return replica.exec("runuser", "-u", "odoo", "--", "psql", "-X", "-U", "odoo", "-p", Integer.toString(STANDBY_PORT),
                "-d", "odoo", "-Atc", sql);
    }

    private static String standbySql(SystemdContainer replica, String sql) {
        return standbyQuery(replica, sql).requireOk().stdout().stripTrailing();
    }

    /** An ordered checksum of the attachment rows: equal on prod and standby when nothing is lost or reordered. */
    private static final String ROWS_CHECKSUM = "SELECT count(*) || ':' || md5(coalesce(string_agg(id || ':' "
            + "|| coalesce(store_fname, '') || ':' || coalesce(checksum, ''), ',' ORDER BY id), '')) FROM ir_attachment";

    private void awaitGreen(SystemdContainer replica) {
        CommandResult status = Poll.lastOf(GREEN, Duration.ofSeconds(2), () -> odooDr(replica, "status"), CommandResult::ok);
        assertThat(status.exitCode()).as("status green: " + status.stdout() + status.stderr()).isZero();
    }

    /** Until the standby holds exactly prod's rows and every file of them is in the mirror. */
    private void awaitCaughtUp(ProdLab lab, SystemdContainer replica) {
        String prod = lab.sql(ROWS_CHECKSUM);
        CommandResult standby = Poll.lastOf(Duration.ofSeconds(90), Duration.ofSeconds(1),
                () -> standbyQuery(replica, ROWS_CHECKSUM), r -> r.ok() && r.stdout().strip().equals(prod));
        assertThat(standby.stdout().strip()).as("rows on the standby (" + standby.stderr().strip() + ")").isEqualTo(prod);
        List<String> names = lab.sql("SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL").lines().toList();
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "for f in \"$@\"; do [ -f \"" + MIRROR + "$f\" ] || echo \"$f\"; done", "sh"));
        argv.addAll(names);
        Poll.within(Duration.ofSeconds(90), Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(replica.run(argv.toArray(String[]::new))).as("files not yet in the mirror").isEmpty());
    }

    private static String show(SystemdContainer replica, String property, String unit) {
        return replica.run("systemctl", "show", "-p", property, "--value", unit);
    }

    @Test
    @Order(1)
    void theDebOfThisTreeInstallsWithApt(SystemdContainer replica) {
        replica.copyTo(DebPackage.build(), "/root/odoo-dr.deb");
        // Depends are in the container's tree already; apt resolves them from its lists, with no network
        CommandResult install = replica.exec(Duration.ofMinutes(3), "env", "DEBIAN_FRONTEND=noninteractive",
                "apt-get", "install", "-y", "--no-install-recommends", "/root/odoo-dr.deb");
        assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
        assertThat(replica.run("odoo-dr", "--version")).startsWith("odoo-dr ");
        assertThat(replica.run("stat", "-c", "%a %U", "/etc/odoo-dr")).isEqualTo("700 root");
        assertThat(replica.run("cat", "/proc/1/comm")).isEqualTo("systemd");
    }

    @Test
    @Order(2)
    void setupFromNothingEnablesTheUnitsAndStreamsAndMirrors(ProdLab lab, SystemdContainer replica) {
        replica.copyTo(lab.operatorKey(), LAB_FILES + "/operator_key");
        replica.copyTo(lab.knownHosts(), LAB_FILES + "/known_hosts");
        replica.copyTo(lab.superuserPasswordFile(), LAB_FILES + "/pg_password");
        replica.run("chmod", "0600", LAB_FILES + "/operator_key", LAB_FILES + "/pg_password");
        replica.write(CONFIG, String.join("\n",
                "replica:",
                "  name: ct-" + lab.id(),
                "prod:",
                "  ssh:",
                "    user: " + lab.sshUser(),
                "    host: " + lab.sshHost(),
                "    port: " + lab.sshPort(),
                "    identity_file: " + LAB_FILES + "/operator_key",
                "    known_hosts: " + LAB_FILES + "/known_hosts",
                "  pg_port: " + lab.pgPort(),
                "  superuser: " + lab.superuser(),
                "  superuser_password_file: " + LAB_FILES + "/pg_password",
                "  filestore_path: " + lab.filestorePath(),
                "postgres:",
                "  major: 15",
                "  cluster: " + CLUSTER,
                "  port: " + STANDBY_PORT,
                "databases: [odoo]",
                ""), "0600");

        CommandResult setup = odooDr(replica, "setup");
        assertThat(setup.exitCode()).as(setup.stdout() + setup.stderr()).isZero();
        assertThat(setup.stdout()).contains("install and start " + AGENT).doesNotContain("detached");
        assertThat(replica.run("systemctl", "is-enabled", AGENT)).isEqualTo("enabled");
        assertThat(replica.run("systemctl", "is-active", AGENT, POSTGRES)).isEqualTo("active\nactive");
        // the tunnel's ssh and the agent are one unit's processes, under systemd (not a detached session)
        assertThat(replica.run("sh", "-c", "cat /proc/$(systemctl show -p MainPID --value " + AGENT + ")/cgroup"))
                .contains("/system.slice/" + AGENT);
        assertThat(replica.exec("sh", "-c", "ls /var/log/odoo-dr/tunnel-*.log").ok()).as("no detached agent's log").isFalse();
        awaitGreen(replica);
        lab.write("odoo", 5);
        awaitCaughtUp(lab, replica);
        // the hardening holds (README: 2.9 with it, 8.9 without); systemd's own scale, 0 best, 10 worst
        String security = replica.run("systemd-analyze", "security", "--no-pager", AGENT);
        System.out.println(security.lines().reduce((a, b) -> b).orElse(""));
        assertThat(security).containsPattern("Overall exposure level for " + AGENT + ": [0-3]\\.[0-9] OK");
    }

    @Test
    @Order(3)
    void systemdRestartsTheAgentAfterKill9AndWhatProdWroteMeanwhileArrives(ProdLab lab, SystemdContainer replica) {
        String pid = show(replica, "MainPID", AGENT);
        int restarts = Integer.parseInt(show(replica, "NRestarts", AGENT));
        replica.run("kill", "-9", pid);
        lab.write("odoo", 5);
        Poll.within(GREEN, Duration.ofSeconds(1)).ignoreExceptions().alias("systemd restarts the agent").until(() ->
                Integer.parseInt(show(replica, "NRestarts", AGENT)) > restarts
                        && !show(replica, "MainPID", AGENT).equals(pid) && !show(replica, "MainPID", AGENT).equals("0"));
        awaitGreen(replica);
        awaitCaughtUp(lab, replica);
        // KillMode: the killed agent's tunnel ssh went with it; the new agent runs exactly one
        assertThat(replica.run("sh", "-c", "pgrep -c -u postgres -x ssh || true")).isEqualTo("1");
    }

    @Test
    @Order(4)
    void theStandbyServesReadsWhileTheAgentIsStopped(ProdLab lab, SystemdContainer replica) {
        String cursor = replica.run("journalctl", "-q", "-n", "1", "-o", "cat", "--show-cursor").replaceFirst("(?s).*-- cursor: ", "").strip();
        replica.run("systemctl", "stop", AGENT);
        try {
            assertThat(replica.exec("systemctl", "is-active", AGENT).stdout().strip()).isEqualTo("inactive");  // not "failed"
            // a clean stop: the agent stops its tunnel itself, so it never warns that the tunnel exited
            assertThat(replica.run("journalctl", "_SYSTEMD_UNIT=" + AGENT, "--after-cursor=" + cursor, "-p", "warning",
                    "-o", "cat", "--no-pager").strip()).as("warnings while stopping").isEmpty();
            assertThat(replica.run("systemctl", "is-active", POSTGRES)).isEqualTo("active");
            assertThat(standbySql(replica, "SELECT pg_is_in_recovery()")).isEqualTo("t");
            assertThat(standbySql(replica, "SELECT count(*) FROM ir_attachment")).isEqualTo(lab.sql("SELECT count(*) FROM ir_attachment"));
        } finally {
            replica.run("systemctl", "start", AGENT);
        }
        awaitGreen(replica);
    }

    @Test
    @Order(5)
    void afterARebootStandbyAndAgentComeBackByThemselvesAndNothingProdWroteIsLost(ProdLab lab, SystemdContainer replica) {
        String bootId = replica.run("cat", "/proc/sys/kernel/random/boot_id");
        try (LabWriter writer = lab.startWriter("odoo", 1.0, 2)) {
            replica.reboot();
            lab.write("odoo", 3);   // at least these, whatever the writer managed during the reboot
            writer.stop();
        }
        assertThat(replica.run("cat", "/proc/sys/kernel/random/boot_id")).as("a new boot").isNotEqualTo(bootId);
        Poll.within(GREEN, Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
                assertThat(replica.run("systemctl", "is-active", AGENT, POSTGRES)).isEqualTo("active\nactive"));
        awaitGreen(replica);
        awaitCaughtUp(lab, replica);
        CommandResult verify = odooDr(replica, "verify", "--deep");
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    }

    /** The agent's levels reach journald as priorities: -p warning shows its WARN lines and none of its INFO lines. */
    @Test
    @Order(6)
    void journalctlPriorityWarningShowsTheAgentsWarningsOnly(SystemdContainer replica) {
        // _SYSTEMD_UNIT: what the unit's processes wrote; -u adds systemd's own lines about the unit (after the
        // kill -9 above: "Failed with result 'signal'", rightly a warning, but not the agent's)
        String unit = "_SYSTEMD_UNIT=" + AGENT;
        List<String> warnings = replica.run("journalctl", unit, "-p", "warning", "-o", "cat", "--no-pager").lines()
                .filter(l -> !l.isBlank()).toList();
        List<String> all = replica.run("journalctl", unit, "-o", "cat", "--no-pager").lines().toList();
        assertThat(all).as("the agent logged at info").anyMatch(l -> l.startsWith("INFO "));
        // hot_standby_feedback left at its default true: a config warning at every start of the agent
        assertThat(warnings).as("the agent's warnings").anyMatch(l -> l.startsWith("WARN "));
        assertThat(warnings).allMatch(l -> l.startsWith("WARN ") || l.startsWith("ERROR "));
    }

    @Test
    @Order(7)
    void decommissionThenPurgeLeaveNoUnitPackageFileKeyOrProcessAndKeepTheStandbysData(ProdLab lab, SystemdContainer replica) {
        CommandResult decommission = odooDr(replica, "decommission");
        assertThat(decommission.exitCode()).as(decommission.stdout() + decommission.stderr()).isZero();
        CommandResult purge = replica.exec(Duration.ofMinutes(2), "env", "DEBIAN_FRONTEND=noninteractive",
                "apt-get", "purge", "-y", "odoo-dr");
        assertThat(purge.exitCode()).as(purge.stdout() + purge.stderr()).isZero();

        assertThat(replica.run("systemctl", "list-units", "--all", "--plain", "--no-legend", "odoo-dr*")).as("units").isEmpty();
        assertThat(replica.run("sh", "-c", "ls -d /etc/systemd/system/odoo-dr* /etc/systemd/system/" + POSTGRES + ".d "
                + "/usr/bin/odoo-dr /usr/share/odoo-dr /usr/share/man/man1/odoo-dr.1.gz "
                + "/usr/share/bash-completion/completions/odoo-dr 2> /dev/null || true")).as("files left").isEmpty();
        assertThat(replica.run("sh", "-c", "ls /var/lib/postgresql/.ssh /var/lib/odoo/.ssh 2> /dev/null | grep odoo-dr || true"))
                .as("keys left").isEmpty();
        assertThat(replica.run("sh", "-c", "ps -eo user,args | grep -E 'odoo-dr|java|ssh |rsync' | grep -v grep || true"))
                .as("processes left").isEmpty();
        assertThat(lab.ssh("cat ~/.ssh/authorized_keys").stdout()).doesNotContain("ct-" + lab.id());
        // kept, as documented: the standby's data (not started at boot) and the operator's config
        assertThat(replica.run("pg_lsclusters", "-h")).contains(CLUSTER);
        assertThat(replica.exec("test", "-f", "/var/lib/postgresql/15/" + CLUSTER + "/PG_VERSION").ok()).isTrue();
        assertThat(replica.run("cat", "/etc/postgresql/15/" + CLUSTER + "/start.conf")).contains("manual");
        assertThat(replica.exec("test", "-f", CONFIG).ok()).isTrue();
    }
}
