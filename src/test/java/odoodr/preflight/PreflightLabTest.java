package odoodr.preflight;

import odoodr.lab.LabTunnel;
import odoodr.ExitCode;
import odoodr.cli.OdooDrCommand;
import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.config.Secret;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.lab.StepLines;
import odoodr.lab.ProdLabExtension;
import odoodr.process.ProcessRunner;
import odoodr.runbook.RunReport;
import odoodr.runbook.StepOutcome;
import odoodr.runbook.SetupContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code odoo-dr preflight} end to end against the prod lab: the real CLI in-process, real ssh, sudo, tunnel and
 * PostgreSQL 15 on the lab's prod. Only two things are simulated, and said so where they are: docker (no engine runs
 * here: {@link FakeDocker}) and a locale missing on the replica (lab and replica share this machine's locales).
 */
@ExtendWith(ProdLabExtension.class)
class PreflightLabTest {
    private static final int CHECKS = Preflight.checkIds().size();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        /** The texts of the checks printed with {@code result} ("ok", "BLOCKED"), whatever the column width. */
        List<String> checks(String result) {
            return StepLines.of(out).with(result);
        }
    }

    static Run cli(Path config) {
        CommandLine cl = OdooDrCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("--config", config.toString(), "preflight");
        // kept in the surefire report (target/surefire-reports/*-output.txt): what the operator would have seen
        System.out.println("$ odoo-dr --config " + config + " preflight   # exit " + code + "\n" + out + err);
        return new Run(code, out.toString(), err.toString());
    }

    /** The engine directly, for what the CLI cannot vary: the replica's locale list. */
    static RunReport api(ProdLab lab, Path config, LocaleLister locales) {
        Config c = ConfigLoader.load(config);
        try (SetupContext ctx = new SetupContext(c, config, new ProcessRunner(), () -> Secret.of(lab.superuserPassword()))) {
            return new Preflight(locales).run(ctx, o -> { });
        }
    }

    static StepOutcome outcome(RunReport r, String id) {
        return r.outcomes().stream().filter(o -> o.stepId().equals(id)).findFirst().orElseThrow();
    }

    // ---- the healthy lab

    @Test
    void aHealthyLabPassesEveryCheckAndPreflightChangesNothing(ProdLab lab) throws Exception {
        LabConfig cfg = LabConfig.of(lab);
        Map<String, String> before = prodState(lab);
        byte[] knownHostsBefore = Files.readAllBytes(lab.knownHosts());

        Run r = cli(cfg.write(dir));

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.checks("ok")).as(r.out()).hasSize(CHECKS);
        assertThat(r.out()).doesNotContain("BLOCKED", "hint:")
                .contains("SSH to prod in batch mode: " + lab.sshUser() + "@" + lab.sshHost())
                .contains("sudo -n true works for " + lab.sshUser())
                .contains("PostgreSQL 15.").contains("server_encoding UTF8").contains("data_checksums on")
                .contains("odoo has rolsuper")
                .contains("prod runs PostgreSQL 15 = postgres.major")
                .contains("wal_level = replica")
                .contains("max_wal_senders 10, none in use by others; 10 free, 2 needed")
                .contains("max_replication_slots 10, 0 taken by others, 10 free")
                .contains("prod uses en_US.UTF-8; all in locale -a here")
                .contains("needed for /var/lib/postgresql/15/" + cfg.cluster + " (prod's databases ")
                .contains("preflight: all checks passed, setup can run");

        // nothing changed on prod: no role, no slot, no key, no configuration; no session left open
        assertThat(prodState(lab)).isEqualTo(before);
        assertThat(lab.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'replicator'")).isEqualTo("0");
        assertThat(lab.sql("SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
        assertThat(lab.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'odoo-dr'")).isEqualTo("0");
        // ... nor here: no cluster, no data directory, known_hosts as it was, no ssh (tunnel) left running
        assertThat(Path.of("/etc/postgresql/15", cfg.cluster)).doesNotExist();
        assertThat(Path.of("/var/lib/postgresql/15", cfg.cluster)).doesNotExist();
        assertThat(Files.readAllBytes(lab.knownHosts())).isEqualTo(knownHostsBefore);
        assertThat(sshProcessesTo(lab.sshHost())).isEmpty();
    }

    // ---- each bad input: its own exit code, a hint, nothing else hidden

    @Test
    void aWrongSuperuserPasswordIsADatabaseErrorWithAHint(ProdLab lab) throws Exception {
        LabConfig cfg = LabConfig.of(lab);
        cfg.passwordFile = secretFile("not-the-password");

        Run r = cli(cfg.write(dir));

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.DATABASE.code()).isEqualTo(12);
        assertThat(r.checks("BLOCKED")).as(r.out()).anyMatch(t -> t.startsWith("prod PostgreSQL through a temporary tunnel:"
                + " PostgreSQL odoo@127.0.0.1:" + lab.pgPort() + " on prod: FATAL: password authentication failed for user \"odoo\""));
        assertThat(r.out())
                .contains("hint: the password in " + cfg.passwordFile + " (prod.superuser_password_file) is not odoo's"
                        + " on prod")
                .contains("not checked: prod-postgres is blocked")
                .doesNotContain("not-the-password").doesNotContain(lab.superuserPassword());
        // checks that do not need the login still ran
        assertThat(r.checks("ok")).as(r.out()).anyMatch(t -> t.startsWith("SSH to prod"))
                .anyMatch(t -> t.startsWith("PostgreSQL binaries on this replica"));
        assertThat(sshProcessesTo(lab.sshHost())).isEmpty();
    }

    @Test
    void noPasswordAnywhereIsAConfigErrorAtTheLogin(ProdLab lab) {
        Assumptions.assumeTrue(System.getenv("ODOO_DR_PROD_PASSWORD") == null, "ODOO_DR_PROD_PASSWORD is set here");
        LabConfig cfg = LabConfig.of(lab);
        cfg.passwordFile = dir.resolve("no-such-file"); // no file, no ODOO_DR_PROD_PASSWORD, no terminal to ask on

        Run r = cli(cfg.write(dir));

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.CONFIG.code()).isEqualTo(10);
        assertThat(r.checks("BLOCKED")).as(r.out()).anyMatch(t -> t.startsWith("prod PostgreSQL through a temporary tunnel:"
                + " no password for prod's superuser odoo"));
        assertThat(r.out()).contains("hint: set prod.superuser_password_file (mode 0600) or ODOO_DR_PROD_PASSWORD");
    }

    @Test
    void anUnreachableProdIsAnSshErrorAndNothingElseIsTried(ProdLab lab) throws Exception {
        LabConfig cfg = LabConfig.of(lab);
        Path config = cfg.write(dir);
        long start = System.nanoTime();
        Run r;
        lab.cut(); // packets silently dropped: ssh waits for its ConnectTimeout (10 s)
        try {
            r = cli(config);
        } finally {
            lab.heal();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.SSH.code()).isEqualTo(11);
        assertThat(r.checks("BLOCKED")).as(r.out()).anyMatch(t -> t.startsWith("SSH to prod in batch mode: ssh to "
                + lab.sshUser() + "@" + lab.sshHost() + ":" + lab.sshPort() + " failed"));
        assertThat(r.out())
                .contains("hint: check that " + lab.sshHost() + " is up");
        // one connection attempt, not one per check: the rest report "not checked" (the container check has
        // nothing to inspect without prod.container, so it is ok; the binaries and the neighbour configs are local)
        assertThat(r.checks("BLOCKED")).hasSize(CHECKS - 3);
        assertThat(r.out()).contains("not checked: ssh-reachable is blocked");
        assertThat(r.checks("ok")).as(r.out()).anyMatch(t -> t.startsWith("prod container matches the config: prod.container is not set"))
                .anyMatch(t -> t.startsWith("PostgreSQL binaries on this replica"));
        assertThat(took).isLessThan(Duration.ofSeconds(40));
    }

    @Test
    void aConfiguredMajorOtherThanProdsIsAClearStop(ProdLab lab) {
        LabConfig cfg = LabConfig.of(lab);
        cfg.major = 14;

        Run r = cli(cfg.write(dir));

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.PRECONDITION.code()).isEqualTo(15);
        assertThat(r.checks("BLOCKED")).as(r.out())
                .anyMatch(t -> t.startsWith("prod's major = postgres.major: prod runs PostgreSQL 15 but postgres.major is 14:"
                        + " physical streaming never crosses majors"))
                // and the replica has no PostgreSQL 14: the exact install commands
                .anyMatch(t -> t.startsWith("PostgreSQL binaries on this replica: PostgreSQL 14 (postgres.major) is not installed"));
        assertThat(r.out())
                .contains("hint: set postgres.major: 15 (")
                .contains("Mismatched majors")
                .contains("apt-get install -y postgresql-14 postgresql-client-14");
        assertThat(r.checks("BLOCKED")).hasSize(2);
    }

    // ---- locales: prod's real databases, the replica's list simulated

    @Test
    void aProdLocaleMissingOnTheReplicaIsBlockedWithTheLocaleGenCommand(ProdLab lab) {
        Path config = LabConfig.of(lab).write(dir);
        // Simulated: this machine (replica and lab alike) has en_US.utf8, so the replica's list leaves it out.
        RunReport r = api(lab, config, ctx -> List.of("C", "C.utf8", "POSIX"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.PRECONDITION);
        StepOutcome locale = outcome(r, LocaleCheck.ID);
        assertThat(locale.result()).isEqualTo(StepOutcome.Result.BLOCKED);
        assertThat(locale.detail()).isEqualTo("prod's locale en_US.UTF-8 (databases odoo, postgres, template0, template1)"
                + " is missing on this replica (locale -a)");
        assertThat(locale.hint()).contains("locale-gen");
        if (osRelease().contains("ID=debian")) {
            assertThat(locale.hint()).isEqualTo("run: sed -i 's/^# *en_US\\.UTF-8 UTF-8$/en_US.UTF-8 UTF-8/'"
                    + " /etc/locale.gen && grep -qx 'en_US.UTF-8 UTF-8' /etc/locale.gen || echo 'en_US.UTF-8 UTF-8'"
                    + " >> /etc/locale.gen; locale-gen");
        }
        assertThat(r.blocked()).extracting(StepOutcome::stepId).containsExactly(LocaleCheck.ID);
    }

    @Test
    void everyDatabasesLocaleCountsNotOnlyTheClusters(ProdLab lab) {
        lab.sql("CREATE DATABASE pf_cutf8 TEMPLATE template0 LOCALE 'C.UTF-8'");
        try {
            Path config = LabConfig.of(lab).write(dir);
            // Simulated replica list: en_US present, C.UTF-8 absent; the real one has both.
            RunReport r = api(lab, config, ctx -> List.of("C", "POSIX", "en_US.utf8"));
            StepOutcome locale = outcome(r, LocaleCheck.ID);
            assertThat(locale.result()).isEqualTo(StepOutcome.Result.BLOCKED);
            assertThat(locale.detail()).startsWith("prod's locale C.UTF-8 (databases pf_cutf8) is missing");

            // with this machine's real locale -a, both exist
            assertThat(outcome(api(lab, config, LocaleLister.system()), LocaleCheck.ID).detail())
                    .isEqualTo("prod uses en_US.UTF-8, C.UTF-8; all in locale -a here");
        } finally {
            lab.sql("DROP DATABASE pf_cutf8");
        }
    }

    // ---- slots and walsenders against real replication clients on prod

    @Test
    void ourSlotHeldByAnotherStandbyIsReportedAndItsSenderCounted(ProdLab lab) throws Exception {
        LabConfig cfg = LabConfig.of(lab);
        String slot = "replica_pf_e2e";
        lab.sql("SELECT pg_create_physical_replication_slot('" + slot + "')");
        Process receiver = null;
        try (LabTunnel tunnel = lab.openTunnel()) {
            // another replica configured with our name: pg_receivewal streaming from our slot as "other_replica"
            Path wal = Files.createDirectory(dir.resolve("wal"));
            ProcessBuilder pb = new ProcessBuilder("/usr/lib/postgresql/15/bin/pg_receivewal", "-h", "127.0.0.1",
                    "-p", Integer.toString(tunnel.localPort()), "-U", lab.superuser(), "-S", slot, "-D", wal.toString(),
                    "-n", "-w").redirectErrorStream(true).redirectOutput(dir.resolve("receivewal.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("PGPASSWORD", lab.superuserPassword());
            pb.environment().put("PGAPPNAME", "other_replica");
            receiver = pb.start();
            awaitSql(lab, "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'other_replica'"
                    + " AND state = 'streaming'", "1", dir.resolve("receivewal.log"));
            // positive control for the leak detector the other tests rely on: it sees this tunnel's ssh
            assertThat(sshProcessesTo(lab.sshHost())).isNotEmpty();

            RunReport r = api(lab, cfg.write(dir), LocaleLister.system());

            assertThat(r.exitCode()).as(r.outcomes().toString()).isEqualTo(ExitCode.OK);
            assertThat(outcome(r, ReplicationSlotsCheck.ID).detail())
                    .isEqualTo("max_replication_slots 10, 0 taken by others, 10 free; warning: slot " + slot
                            + " is in use by other_replica, not by pf-e2e_replica: is another replica configured with"
                            + " the same replica.name? One slot per replica (gotcha 15)");
            assertThat(outcome(r, WalSendersCheck.ID).detail())
                    .isEqualTo("max_wal_senders 10, 1 in use by others: other_replica from 127.0.0.1 streaming;"
                            + " 9 free, 2 needed");
        } finally {
            if (receiver != null) {
                receiver.destroy();
                receiver.waitFor(10, TimeUnit.SECONDS);
            }
            awaitSql(lab, "SELECT count(*) FROM pg_replication_slots WHERE active", "0", null);
            lab.sql("SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    @Test
    void noFreeSlotIsBlockedWithTheUnusedSlotsToDrop(ProdLab lab) {
        String ours = "replica_pf_e2e";
        lab.sql("SELECT pg_create_physical_replication_slot('" + ours + "')");
        lab.sql("SELECT pg_create_physical_replication_slot('pf_fill_' || i) FROM generate_series(1, 9) i");
        try {
            Path config = LabConfig.of(lab).write(dir);
            // 10 slots = max_replication_slots, but one is ours: setup reuses it, so this still passes
            RunReport fits = api(lab, config, LocaleLister.system());
            assertThat(outcome(fits, ReplicationSlotsCheck.ID).detail())
                    .isEqualTo("max_replication_slots 10, 9 taken by others, 1 free; slot " + ours
                            + " already exists (inactive): setup reuses it");

            lab.sql("SELECT pg_drop_replication_slot('" + ours + "')");
            lab.sql("SELECT pg_create_physical_replication_slot('pf_fill_10')");
            RunReport full = api(lab, config, LocaleLister.system());
            StepOutcome slots = outcome(full, ReplicationSlotsCheck.ID);
            assertThat(full.exitCode()).isEqualTo(ExitCode.PRECONDITION);
            assertThat(slots.result()).isEqualTo(StepOutcome.Result.BLOCKED);
            assertThat(slots.detail()).startsWith("max_replication_slots is 10 on prod and 10 slots are taken (pf_fill_1,")
                    .endsWith("): none free for " + ours);
            assertThat(slots.hint()).startsWith("set max_replication_slots = 11 in prod's postgresql.conf and restart")
                    .contains("SELECT pg_drop_replication_slot('pf_fill_1')");
        } finally {
            lab.sql("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots");
        }
    }

    // ---- the container (docker simulated on prod, see FakeDocker)

    @Test
    void theContainersFilestoreAndPortMatchTheConfig(ProdLab lab) {
        FakeDocker.install(lab);
        LabConfig cfg = LabConfig.of(lab);
        cfg.container = FakeDocker.ODOO;
        cfg.filestorePath = lab.filestorePath();

        Run r = cli(cfg.write(dir));

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.checks("ok")).as(r.out()).anyMatch(t -> t.startsWith("prod container matches the config: container odoo-prod"
                + " (odoo:18.0, running); filestore " + lab.filestorePath() + " = prod.filestore_path; PostgreSQL container"
                + " deploy-db-1 published on 127.0.0.1:" + lab.pgPort() + " = prod.pg_port"));
        // really asked over ssh, as root through sudo: Odoo's container, its compose db service, that container
        assertThat(FakeDocker.calls(lab)).contains("0 inspect --type container -- odoo-prod")
                .contains("0 ps -a -q --no-trunc --filter label=com.docker.compose.project=deploy"
                        + " --filter label=com.docker.compose.service=db")
                .contains("0 inspect --type container -- b2d4f6a8c0e2");
    }

    @Test
    void aFilestorePathOtherThanTheContainersIsBlockedWithTheDiscoveredOne(ProdLab lab) {
        FakeDocker.install(lab);
        LabConfig cfg = LabConfig.of(lab);
        cfg.container = FakeDocker.ODOO;
        cfg.filestorePath = "/var/lib/docker/volumes/odoo_old-data/_data/filestore";

        Run r = cli(cfg.write(dir));

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(15);
        assertThat(r.checks("BLOCKED")).as(r.out()).anyMatch(t -> t.startsWith("prod container matches the config:"
                + " prod.filestore_path is " + cfg.filestorePath + ", but container odoo-prod keeps its filestore in "
                + lab.filestorePath()));
        assertThat(r.out())
                .contains("hint: set prod.filestore_path: " + lab.filestorePath());
    }

    @Test
    void aPgPortOtherThanThePublishedOneIsBlockedWithTheDiscoveredOne(ProdLab lab) {
        FakeDocker.install(lab);
        LabConfig cfg = LabConfig.of(lab);
        cfg.container = FakeDocker.ODOO;
        cfg.pgPort = 6543;

        Run r = cli(cfg.write(dir));

        // the container check comes first, so its class (precondition) is the exit code, not the failed login's
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(15);
        assertThat(r.out()).contains("prod.pg_port is 6543, but PostgreSQL container deploy-db-1 is published on prod's"
                        + " 127.0.0.1:" + lab.pgPort())
                .contains("hint: set prod.pg_port: " + lab.pgPort());
        assertThat(r.checks("BLOCKED")).as(r.out()).anyMatch(t -> t.startsWith("prod PostgreSQL through a temporary tunnel"));
    }

    @Test
    void anUnknownContainerIsBlocked(ProdLab lab) {
        FakeDocker.install(lab);
        LabConfig cfg = LabConfig.of(lab);
        cfg.container = "odoo-typo";

        Run r = cli(cfg.write(dir));

        assertThat(r.code()).isEqualTo(15);
        assertThat(r.checks("BLOCKED")).as(r.out()).anyMatch(t -> t.startsWith("prod container matches the config:"
                + " no container odoo-typo on prod (Error: No such container: odoo-typo)"));
        assertThat(r.out()).contains("hint: list them on prod with: sudo docker ps -a");
    }

    /**
     * Two prods protected from one host: a second config beside this one (as /etc/odoo-dr/ holds one per prod) that
     * takes the same cluster and tunnel port is a blocker naming the other file and both keys; preflight still
     * checked prod; with distinct values the same pair passes.
     */
    @Test
    void anotherProdsConfigOnThisHostWithTheSameClusterAndTunnelPortIsBlocked(ProdLab lab) throws IOException {
        LabConfig cfg = LabConfig.of(lab);
        Path mine = cfg.write(dir);
        LabConfig other = LabConfig.of(lab);
        other.replicaName = "pf-other";
        other.cluster = cfg.cluster;
        Path theirs = other.write(dir);

        Run r = cli(mine);

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.PRECONDITION.code());
        assertThat(r.checks("BLOCKED")).as(r.out()).singleElement().asString()
                .contains("this config collides with another prod's config on this host: " + theirs
                        + " shares replica.tunnel_port 40000, postgres.cluster 15/" + cfg.cluster);
        assertThat(r.out()).contains("hint: give each prod's config its own replica.name, replica.tunnel_port");
        assertThat(r.checks("ok")).hasSize(CHECKS - 1);

        other.cluster = "pf" + ProdLab.randomId();
        // both files left postgres.port and agent.listen at their defaults: another prod needs its own of those too
        assertThat(r.out()).contains("postgres.port 5432, agent.listen 127.0.0.1:9187");
        Files.writeString(theirs, other.yaml().replace("name: pf-other\n", "name: pf-other\n  tunnel_port: 40001\n")
                .replace("  hot_standby_feedback: false\n", "  hot_standby_feedback: false\n  port: 5499\n")
                + "agent:\n  listen: 127.0.0.1:9199\n");
        Run again = cli(mine);
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("1 other config(s) in " + dir + ", nothing shared");
    }

    // ---- helpers

    private Path secretFile(String content) throws IOException {
        Path f = Files.createTempFile(dir, "pw-", "");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(f, content);
        return f;
    }

    /** What a setup would change on prod: roles, slots, the login's authorized_keys, the server's configuration. */
    private static Map<String, String> prodState(ProdLab lab) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("roles", lab.sql("SELECT string_agg(rolname || ':' || rolsuper || rolreplication, ',' ORDER BY rolname)"
                + " FROM pg_roles"));
        s.put("slots", lab.sql("SELECT count(*) FROM pg_replication_slots"));
        s.put("databases", lab.sql("SELECT string_agg(datname, ',' ORDER BY datname) FROM pg_database"));
        s.put("authorized_keys", lab.exec("cat", "/home/" + lab.sshUser() + "/.ssh/authorized_keys").requireOk().stdout());
        s.put("config", lab.exec("sha256sum", lab.pgData() + "/pg_hba.conf", lab.pgData() + "/postgresql.conf",
                lab.pgData() + "/postgresql.auto.conf").requireOk().stdout());
        return s;
    }

    /** Live ssh processes on this machine talking to that host (a leaked tunnel would be one). */
    private static List<String> sshProcessesTo(String host) {
        List<String> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = p.info().commandLine().orElse("");
            if (p.isAlive() && cmd.contains("ssh") && cmd.contains("@" + host)) {
                found.add(p.pid() + " " + cmd);
            }
        });
        return found;
    }

    private static void awaitSql(ProdLab lab, String sql, String expected, Path log) throws InterruptedException {
        String last = Poll.lastOf(Duration.ofSeconds(30), Duration.ofMillis(200), () -> lab.sql(sql), expected::equals);
        if (last.equals(expected)) {
            return;
        }
        String detail = "";
        try {
            detail = log == null ? "" : Files.readString(log);
        } catch (IOException ignored) {
            // no log
        }
        throw new AssertionError(sql + " gave " + last + ", not " + expected + " " + detail);
    }

    private static String osRelease() {
        try {
            return Files.readString(Path.of("/etc/os-release"));
        } catch (IOException e) {
            return "";
        }
    }
}
