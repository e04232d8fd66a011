package odoodr.e2e;

import odoodr.config.PgEndpoint;
import odoodr.host.Launcher;
import odoodr.process.ChildEnvironment;
import odoodr.ssh.ServiceKeyRole;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.lab.StepLines;
import odoodr.config.Secret;
import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.PrimarySession;
import odoodr.postgres.ReplicationCredentials;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static odoodr.postgres.ConnectionProfile.LOCAL_STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * From nothing to a streaming, read-only standby of the lab's prod with `preflight` and `setup --only database`,
 * then idempotence. One replica per class: the steps build on each other, in order.
 */
class DatabaseSetupLabTest extends ReplicaLabTest {
    private java.util.Set<String> commandLinesSeenDuringSetup = java.util.Set.of();
    private java.util.Map<String, java.util.Set<String>> childEnvironmentsDuringSetup = java.util.Map.of();
    private java.util.Set<String> childEnvironmentEntriesDuringSetup = java.util.Set.of();
    private String setupOutput = "";


    @Test
    @Order(1)
    void dryRunOnAFreshReplicaChangesNothingAnywhere(ProdLab lab) {
        Replica.Run r = replica.run("setup", "--dry-run", "--only", "database");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("would do").contains("setup --dry-run: dry run, nothing changed");
        assertThat(lab.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'replicator'")).isEqualTo("0");
        assertThat(lab.sql("SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
        assertThat(replica.cluster().exists()).isFalse();
        assertThat(ServiceKeyRole.TUNNEL.privateKey(replica.config())).doesNotExist();
        assertThat(replica.tunnelProcess()).isEmpty();
        assertThat(lab.exec("sh", "-c", "cat /home/ubuntu/.ssh/authorized_keys").stdout()).doesNotContain("odoo-dr-tunnel@")
                .doesNotContain("odoo-dr-monitor@");
        assertThat(ServiceKeyRole.MONITOR.privateKey(replica.config())).doesNotExist();
    }

    @Test
    @Order(2)
    void setupStreamsAndEveryRowWrittenOnProdArrives(ProdLab lab) throws Exception {
        Replica.Run r;
        try (ProcessSampler sampler = ProcessSampler.start()) {
            r = replica.run("setup", "--only", "database");
            commandLinesSeenDuringSetup = sampler.commandLines();
            childEnvironmentsDuringSetup = sampler.childEnvironments();
            childEnvironmentEntriesDuringSetup = sampler.childEnvironmentEntries();
        }
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("setup: all steps ok");
        setupOutput = r.all();

        lab.sql("CREATE TABLE dr_rows (id int primary key, payload text)");
        lab.sql("INSERT INTO dr_rows SELECT g, md5(g::text) FROM generate_series(1, 10000) g");
        // prod's roles are replicated: its superuser logs in on the standby with prod's password
        String count = Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(200),
                () -> onStandby(lab, "SELECT count(*) FROM dr_rows WHERE payload = md5(id::text)"), "10000"::equals);
        assertThat(count).isEqualTo("10000");
    }

    /** A value read on the standby as prod's superuser, or the error while it cannot answer yet. */
    private String onStandby(ProdLab lab, String sql) {
        try (PrimarySession s = ConnectionFactory.session(LOCAL_STANDBY.loginAs(lab.superuser(), PgEndpoint.loopback(replica.standbyPort()), Secret.of(lab.superuserPassword()), "odoo"))) {
            return s.queryValue(sql).orElse("");
        } catch (RuntimeException e) {
            return e.getMessage(); // not replayed yet, or the standby is restarting
        }
    }

    @Test
    @Order(3)
    void aReplicaWhoseNameMapsToTheSameSlotIsRefusedNotHandedThisOnesSlot(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // lab-replica-<id> and lab_replica-<id> are two replicas, one slot: replica_lab_replica_<id>
        String twinName = replica.name().replaceFirst("-", "_");
        Path twin = dir.resolve("twin.yaml");
        Files.writeString(twin, Files.readString(replica.configFile()).replace("name: " + replica.name(), "name: " + twinName));
        Replica.Run r = replica.runWithConfig(twin, "setup", "--dry-run", "--only", "database");
        assertThat(r.code()).as(r.all()).isEqualTo(odoodr.ExitCode.PRECONDITION.code());
        assertThat(r.all()).contains("slot " + replica.slotName() + " is streaming to another standby (" + replica.name()
                + "_replica").contains("give this replica a distinct replica.name");
    }

    /**
     * A second replica of the same prod, configured with the same postgres.replication_user: its setup would reset
     * the role's password and cut this replica off. It is refused at the role step, and the role's password on
     * prod stays this replica's.
     */
    @Test
    @Order(3)
    void aSecondReplicaOfThisProdMayNotTakeThisOnesReplicationRole(ProdLab lab,
                                                                   @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String verifierBefore = lab.sql("SELECT rolpassword FROM pg_authid WHERE rolname = 'replicator'");
        String otherName = "other-" + lab.id();
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, Files.readString(replica.configFile())
                .replace("name: " + replica.name(), "name: " + otherName)
                .replace("tunnel_port: " + replica.tunnelPort(), "tunnel_port: " + Replica.freePort()));
        // a dry run: a real one would first make and authorize the other replica's keys and start its tunnel
        Replica.Run r = replica.runWithConfig(other, "setup", "--dry-run", "--only", "database");
        assertThat(r.code()).as(r.all()).isEqualTo(odoodr.ExitCode.PRECONDITION.code());
        assertThat(StepLines.of(r.out()).resultOf("replication role on prod")).as(r.out()).isEqualTo("BLOCKED");
        assertThat(r.all()).contains("postgres.replication_user replicator is the replication role of another"
                        + " replica of this prod (" + replica.name() + ")")
                .contains("set postgres.replication_user to e.g. replicator_" + otherName.replace('-', '_'));
        assertThat(lab.sql("SELECT rolpassword FROM pg_authid WHERE rolname = 'replicator'")).isEqualTo(verifierBefore);
    }

    @Test
    @Order(3)
    void secondSetupIsANoOp() {
        Replica.Run r = replica.run("setup", "--only", "database");
        assertThat(r.code()).as(r.all()).isZero();
        StepLines steps = StepLines.of(r.out());
        assertThat(steps.with("done")).as(r.out()).isEmpty();
        assertThat(r.out()).doesNotContain("FAILED").contains("setup: all steps ok");
    }

    @Test
    @Order(4)
    void noSecretInAutoConfAndPgpassIsPrivate(ProdLab lab) throws Exception {
        Path data = replica.cluster().dataDirectory();
        String auto = Files.readString(data.resolve("postgresql.auto.conf"));
        assertThat(auto).contains("passfile=").contains("primary_slot_name = '" + replica.slotName() + "'")
                .doesNotContain("password");
        Path pgpass = ReplicationCredentials.pgpassPath();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pgpass))).isEqualTo("rw-------");
        assertThat(Files.getOwner(pgpass).getName()).isEqualTo("postgres");
        String text = Files.readString(pgpass);
        assertThat(text).contains(":" + replica.tunnelPort() + ":replication:replicator:")
                .contains(":" + replica.tunnelPort() + ":*:replicator:");
        assertThat(lab.sql("SELECT rolname FROM pg_roles r WHERE rolreplication AND rolcanlogin AND pg_has_role(oid, 'pg_monitor', 'MEMBER') AND rolname = 'replicator'"))
                .isEqualTo("replicator");
        assertThat(lab.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + replica.slotName() + "' AND active"))
                .isEqualTo("1");
    }

    @Test
    @Order(5)
    void noPasswordInAnyCommandLineLogOrProdServerLog(ProdLab lab) throws Exception {
        String replication = ReplicationCredentials.find(new odoodr.config.ConfigLoader().read(replica.configFile()))
                .orElseThrow().reveal();
        String superuser = lab.superuserPassword();
        assertThat(commandLinesSeenDuringSetup).as("processes sampled during setup").hasSizeGreaterThan(20)
                .anyMatch(c -> c.contains("pg_basebackup"));
        assertThat(commandLinesSeenDuringSetup).noneMatch(c -> c.contains(replication) || c.contains(superuser));
        assertThat(setupOutput).doesNotContain(replication).doesNotContain(superuser);
        Path tunnelLog = Path.of("/var/log/odoo-dr/tunnel-" + replica.tunnelPort() + ".log");
        if (Files.exists(tunnelLog)) {
            assertThat(Files.readString(tunnelLog)).doesNotContain(replication).doesNotContain(superuser);
        }
        String prodLog = lab.exec("sh", "-c", "cat \"$0\"", lab.env().get("LAB_PG_LOG")).stdout();
        assertThat(prodLog).isNotEmpty().doesNotContain(replication);
    }

    @Test
    @Order(5)
    void setupsChildrenAndTheDetachedAgentInheritOnlyAnExplicitMinimalEnvironment(ProdLab lab) throws Exception {
        // what could leak: this JVM's environment has more than the list (JAVA_HOME, MAVEN_*, PWD, ...)
        assertThat(System.getenv().keySet()).anyMatch(k -> !ChildEnvironment.INHERITED.contains(k));
        // the programs odoo-dr runs itself (their own children get what those programs choose); LC_ALL is what
        // some commands set; the tunnel's ssh runs under setpriv --reset-env, which sets SHELL and keeps TERM
        java.util.Set<String> allowed = new java.util.HashSet<>(ChildEnvironment.INHERITED);
        allowed.addAll(java.util.List.of("SHELL", "TERM"));
        assertThat(childEnvironmentsDuringSetup).as("children of setup sampled").hasSizeGreaterThan(5)
                .anySatisfy((cmd, keys) -> assertThat(cmd).startsWith("ssh "))
                .anySatisfy((cmd, keys) -> assertThat(cmd).contains("pg_basebackup"));
        childEnvironmentsDuringSetup.forEach((cmd, keys) -> assertThat(keys).as(cmd).allMatch(allowed::contains));
        String superuser = lab.superuserPassword();
        assertThat(childEnvironmentEntriesDuringSetup).noneMatch(e -> e.contains(superuser));

        ProcessHandle agent = replica.tunnelProcess().orElseThrow();
        assertThat(ProcessSampler.names(ProcessSampler.environment(agent.pid()))).as("the detached agent").isNotEmpty()
                .allMatch(Launcher.DETACHED_KEEPS::contains);
        ProcessHandle ssh = replica.tunnelSsh().orElseThrow();
        assertThat(ProcessSampler.names(ProcessSampler.environment(ssh.pid()))).as("the tunnel's ssh, as postgres").contains("USER")
                .allMatch(allowed::contains);
        assertThat(ProcessSampler.environment(ssh.pid())).contains("USER=postgres");
    }

    @Test
    @Order(6)
    void theTunnelKeyGetsNoShellAndNoOtherForward(ProdLab lab) throws Exception {
        java.util.List<String> ssh = java.util.List.of("ssh", "-F", "/dev/null", "-i", ServiceKeyRole.TUNNEL.privateKey(replica.config()).toString(),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + lab.knownHosts(),
                "-o", "StrictHostKeyChecking=yes", "-p", Integer.toString(lab.sshPort()));
        var runner = new odoodr.process.ProcessRunner();
        java.util.List<String> shell = new java.util.ArrayList<>(ssh);
        shell.addAll(java.util.List.of(lab.sshUser() + "@" + lab.sshHost(), "id; echo SHELL-OK"));
        var r = runner.runAllowingFailure(odoodr.process.Command.of(shell).timeout(Duration.ofSeconds(30)).build());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout()).doesNotContain("SHELL-OK").doesNotContain("uid=");

        assertThat(forwardAnswers(ssh, lab, lab.pgPort(), "postgres")).as("allowed forward to PostgreSQL").isTrue();
        assertThat(forwardAnswers(ssh, lab, lab.sshPort(), "ssh")).as("forward to prod's sshd is refused").isFalse();
    }

    /** Whether the forward on {@code local} reaches {@code protocol}; empty while ssh does not listen yet. */
    private static java.util.Optional<Boolean> forwardAnswer(PgEndpoint local, String protocol) {
        if (protocol.equals("postgres")) {
            return odoodr.ssh.TunnelProbe.postgresAnswers(local, System.getProperty("user.name"), 2000)
                    ? java.util.Optional.of(true) : java.util.Optional.empty();
        }
        try (java.net.Socket s = odoodr.host.UnixDomainSocket.connect(local.socketFile(), 2000)) {
            s.setSoTimeout(3000);
            // "SSH-2.0-..." banner: the forward went through; a refused channel: ssh closes the connection at once
            return java.util.Optional.of(s.getInputStream().read() == 'S');
        } catch (java.io.IOException notYetListening) {
            return java.util.Optional.empty();
        }
    }

    /** Opens ssh -N -L from a socket of ours to 127.0.0.1:targetPort on prod with the tunnel key and checks whether anything answers. */
    private static boolean forwardAnswers(java.util.List<String> ssh, ProdLab lab, int targetPort, String protocol) throws Exception {
        PgEndpoint local = PgEndpoint.unixSocket(odoodr.host.PrivateSocketDirectory.createTemporary(), targetPort);
        java.util.List<String> argv = new java.util.ArrayList<>(ssh);
        argv.addAll(java.util.List.of("-N", "-L", local.socketFile() + ":127.0.0.1:" + targetPort, lab.sshUser() + "@" + lab.sshHost()));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return Poll.lastOf(Duration.ofSeconds(15), Duration.ofMillis(200), () -> forwardAnswer(local, protocol),
                    java.util.Optional::isPresent).orElse(false);
        } finally {
            p.destroyForcibly();
            odoodr.host.PrivateSocketDirectory.delete(local.socketDirectory());
        }
    }

    @Test
    @Order(7)
    void aKilledTunnelComesBackAndStreamingResumesWithoutRestartingTheStandby(ProdLab lab) throws Exception {
        Path data = replica.cluster().dataDirectory();
        String postmasterBefore = Files.readAllLines(data.resolve("postmaster.pid")).get(0);
        ProcessHandle ssh = replica.tunnelSsh().orElseThrow(() -> new AssertionError("no tunnel ssh running"));
        long killedPid = ssh.pid();
        ssh.destroyForcibly();

        Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(100), () -> replica.tunnelSsh().map(h -> h.pid() != killedPid),
                replaced -> replaced.orElse(false));
        assertThat(replica.tunnelSsh()).as("a new tunnel ssh").get().extracting(ProcessHandle::pid).isNotEqualTo(killedPid);

        lab.sql("INSERT INTO dr_rows VALUES (20001, 'after the tunnel came back')");
        String seen = Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(200),
                () -> onStandby(lab, "SELECT count(*) FROM dr_rows WHERE id = 20001"), "1"::equals);
        assertThat(seen).as("row written after the tunnel restart reached the standby").isEqualTo("1");
        assertThat(Files.readAllLines(data.resolve("postmaster.pid")).get(0)).as("standby not restarted").isEqualTo(postmasterBefore);
    }

    @Test
    @Order(8)
    void aSilentlyCutLinkIsNoticedAndStreamingResumesAfterHeal(ProdLab lab) throws Exception {
        long sshBefore = replica.tunnelSsh().orElseThrow().pid();
        long cutAt = System.nanoTime();
        lab.cut();
        try {
            // a short poll interval: the figure is the time from the cut to the replacement, not rounded to the poll
            Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(100),
                    () -> replica.tunnelSsh().map(h -> h.pid() == sshBefore).orElse(false), stillTheOld -> !stillTheOld);
            double noticed = (System.nanoTime() - cutAt) / 1e9;
            System.out.printf("MEASURED tunnel: silent cut noticed after %.1f s (ServerAliveInterval=2, CountMax=2)%n", noticed);
            assertThat(replica.tunnelSsh().map(ProcessHandle::pid)).as("the dead ssh was replaced").isNotEqualTo(java.util.Optional.of(sshBefore));
        } finally {
            lab.heal();
        }
        long healedAt = System.nanoTime();
        lab.sql("INSERT INTO dr_rows VALUES (30001, 'after heal')");
        String seen = Poll.lastOf(Duration.ofSeconds(90), Duration.ofMillis(200),
                () -> onStandby(lab, "SELECT count(*) FROM dr_rows WHERE id = 30001"), "1"::equals);
        System.out.printf("MEASURED tunnel: row written after heal visible on the standby %.1f s after heal%n",
                (System.nanoTime() - healedAt) / 1e9);
        assertThat(seen).isEqualTo("1");
    }

    @Test
    @Order(9)
    void aKilledSupervisorsOrphanedSshIsReplacedNotTrusted() throws Exception {
        ProcessHandle supervisor = replica.tunnelProcess().orElseThrow();
        ProcessHandle orphan = replica.tunnelSsh().orElseThrow();
        supervisor.destroyForcibly();
        supervisor.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(orphan.isAlive()).as("the ssh outlives its killed supervisor").isTrue();

        Replica.Run r = replica.run("setup", "--only", "database");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(StepLines.of(r.out()).resultOf("tunnel to prod's PostgreSQL")).as(r.out()).isEqualTo("done");
        assertThat(odoodr.process.ProcessChecks.stopsRunningWithin(orphan.pid(), Duration.ofSeconds(10))).as("orphaned ssh stopped").isTrue();
        assertThat(replica.tunnelProcess()).as("a new supervisor").get().isNotEqualTo(supervisor);
    }
}
