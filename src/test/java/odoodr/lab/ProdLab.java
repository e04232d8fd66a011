package odoodr.lab;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A fake Odoo prod host on this machine (DESIGN.md §8), built and driven by {@code scripts/prodlab}: its own network
 * and mount namespaces, sshd on a private veth address, PostgreSQL 15 on the lab's loopback, a docker-volume-like
 * filestore. This class only runs the script (argv, never a shell string) and the host's {@code ssh}; every call has a
 * timeout. Use it through {@link ProdLabExtension}, or {@link #up()} with try-with-resources.
 */
public final class ProdLab implements AutoCloseable {

    static final Duration UP_TIMEOUT = Duration.ofMinutes(3);
    static final Duration DOWN_TIMEOUT = Duration.ofMinutes(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path script;
    private final String id;
    private final Map<String, String> env;
    private final List<LabWriter> writers = new CopyOnWriteArrayList<>();
    private final DownCommand down;

    private ProdLab(Path script, String id, Map<String, String> env) {
        this.script = script;
        this.id = id;
        this.env = env;
        this.down = new DownCommand(List.of(script.toString(), "down", "--id", id), DOWN_TIMEOUT, "prodlab-down-" + id);
    }

    /** Builds a lab with a random id, file uid 999 and one database {@code odoo}. */
    public static ProdLab up() {
        return up(randomId(), 999, List.of("odoo"));
    }

    /** Builds a lab; on failure the script has already cleaned up after itself. */
    public static ProdLab up(String id, int fileUid, List<String> databases) {
        Path script = script();
        // Owned by this JVM: a concurrent `prodlab down --all` spares the lab while we live.
        List<String> command = List.of(script.toString(), "up", "--id", id,
                "--file-uid", Integer.toString(fileUid), "--databases", String.join(" ", databases),
                "--owner-pid", Long.toString(ProcessHandle.current().pid()));
        CommandResult result = LabCommand.run(command, null, UP_TIMEOUT);
        if (!result.ok()) {
            // A timeout may have interrupted the script before its own cleanup.
            LabCommand.run(List.of(script.toString(), "down", "--id", id), null, DOWN_TIMEOUT);
            result.requireOk();
        }
        Map<String, String> env = parseEnv(result.stdout());
        if (!id.equals(env.get("LAB_ID"))) {
            throw new ProdLabException("prodlab up printed no LAB_ID=" + id + ": " + result.stdout());
        }
        return new ProdLab(script, id, env);
    }

    /** Six random characters of {@code [a-z0-9]}: unique enough for labs that coexist on one machine. */
    public static String randomId() {
        StringBuilder sb = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            sb.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return sb.toString();
    }

    /** The project directory: system property {@code odoodr.projectDir} (set by surefire), else the working dir. */
    public static Path projectDir() {
        String dir = System.getProperty("odoodr.projectDir");
        return Path.of(dir == null || dir.isBlank() ? "" : dir).toAbsolutePath();
    }

    public static Path script() {
        Path script = projectDir().resolve("scripts/prodlab");
        if (!Files.isExecutable(script)) {
            throw new ProdLabException(script + " is missing or not executable (set -Dodoodr.projectDir)");
        }
        return script;
    }

    /** True when this JVM runs as root (the lab needs namespaces, veth and mounts). */
    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    // ---- what the lab looks like (the KEY=VALUE lines of `prodlab up`)

    public String id() {
        return id;
    }

    public String netns() {
        return require("LAB_NETNS");
    }

    /** Prod's address on the veth link: the only address the replica side can reach. */
    public String sshHost() {
        return require("LAB_SSH_HOST");
    }

    public int sshPort() {
        return Integer.parseInt(require("LAB_SSH_PORT"));
    }

    public String sshUser() {
        return require("LAB_SSH_USER");
    }

    /** Private key authorised for {@link #sshUser()}: "the sysadmin's existing access". */
    public Path operatorKey() {
        return Path.of(require("LAB_SSH_KEY"));
    }

    /** A known_hosts file holding the lab sshd's host key. */
    public Path knownHosts() {
        return Path.of(require("LAB_KNOWN_HOSTS"));
    }

    /** PostgreSQL's port on prod's loopback (127.0.0.1 inside the lab). */
    public int pgPort() {
        return Integer.parseInt(require("LAB_PG_PORT"));
    }

    public String superuser() {
        return require("LAB_PG_SUPERUSER");
    }

    /** 0600 file holding the superuser's password. */
    public Path superuserPasswordFile() {
        return Path.of(require("LAB_PG_PASSWORD_FILE"));
    }

    public String superuserPassword() {
        try {
            return Files.readString(superuserPasswordFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> databases() {
        return List.of(require("LAB_DATABASES").trim().split("\\s+"));
    }

    /** Prod's filestore root; {@code <filestorePath>/<db>/<xx>/<sha1>} exists only inside the lab. */
    public String filestorePath() {
        return require("LAB_FILESTORE");
    }

    public int fileUid() {
        return Integer.parseInt(require("LAB_FILE_UID"));
    }

    /** Prod's PostgreSQL data directory (inside the lab). */
    public String pgData() {
        return require("LAB_PGDATA");
    }

    /** The lab's state directory on the host (keys, password file, lab.env). */
    public Path stateDir() {
        return Path.of(require("LAB_STATE"));
    }

    /** Every KEY=VALUE line printed by {@code prodlab up}. */
    public Map<String, String> env() {
        return env;
    }

    // ---- controlling prod

    /** Runs SQL as the superuser in the first database; returns psql's unaligned, tuples-only output. */
    public String sql(String sql) {
        return sql(databases().get(0), sql);
    }

    public String sql(String db, String sql) {
        return script(sql, DEFAULT_TIMEOUT, "sql", "--db", db).requireOk().stdout().stripTrailing();
    }

    /** Runs a command as root inside the prod host (both namespaces). Does not throw on a non-zero exit. */
    public CommandResult exec(String... argv) {
        return exec(DEFAULT_TIMEOUT, argv);
    }

    public CommandResult exec(Duration timeout, String... argv) {
        return execWithInput(null, timeout, argv);
    }

    public CommandResult execWithInput(String stdin, Duration timeout, String... argv) {
        List<String> args = new ArrayList<>(List.of("exec", "--"));
        args.addAll(Arrays.asList(argv));
        return script(stdin, timeout, args.toArray(String[]::new));
    }

    /** Silently drops every packet on the link (established connections hang, no RST). */
    public void cut() {
        script(null, DEFAULT_TIMEOUT, "cut").requireOk();
    }

    public void heal() {
        script(null, DEFAULT_TIMEOUT, "heal").requireOk();
    }

    public void stopPostgres() {
        script(null, DEFAULT_TIMEOUT, "pg", "stop").requireOk();
    }

    public void startPostgres() {
        script(null, DEFAULT_TIMEOUT, "pg", "start").requireOk();
    }

    /** Creates {@code count} attachments the way Odoo 17 does (file first, then the row). */
    public void write(String db, int count) {
        write(db, count, 2048);
    }

    public void write(String db, int count, int sizeBytes) {
        Duration timeout = Duration.ofSeconds(60 + count / 20L);
        script(null, timeout, "write", "--db", db, "--count", Integer.toString(count),
                "--size", Integer.toString(sizeBytes)).requireOk();
    }

    /** Starts a continuous writer: a batch of 10 attachments every {@code intervalSeconds} until stopped. */
    public LabWriter startWriter(String db, double intervalSeconds) {
        return startWriter(db, intervalSeconds, 10);
    }

    public LabWriter startWriter(String db, double intervalSeconds, int batch) {
        try {
            Path log = Files.createTempFile("prodlab-writer-" + id + "-", ".log");
            List<String> command = List.of(script.toString(), "write", "--id", id, "--db", db, "--count", "0",
                    "--interval", String.format(Locale.ROOT, "%.3f", intervalSeconds), "--batch",
                    Integer.toString(batch));
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            LabWriter writer = new LabWriter(process, log, writers::remove);
            writers.add(writer);
            return writer;
        } catch (IOException e) {
            throw new ProdLabException("cannot start the lab writer", e);
        }
    }

    /** {@code prodlab status}: true when netns, holder, PostgreSQL and sshd are all up. */
    public boolean isUp() {
        return script(null, DEFAULT_TIMEOUT, "status").ok();
    }

    // ---- the replica side's view: the host's own OpenSSH client

    /**
     * The host's {@code ssh} with the operator key and the lab's known_hosts, BatchMode, no user config; append a
     * remote command (or use {@code -N -L ...} options) yourself.
     */
    public List<String> sshCommand(String... options) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/ssh", "-F", "/dev/null",
                "-i", operatorKey().toString(),
                "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes",
                "-o", "UserKnownHostsFile=" + knownHosts(),
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "ConnectTimeout=10",
                "-p", Integer.toString(sshPort())));
        command.addAll(Arrays.asList(options));
        command.add(sshUser() + "@" + sshHost());
        return command;
    }

    /** Runs a command on prod over SSH as {@link #sshUser()}. Does not throw on a non-zero exit. */
    public CommandResult ssh(String remoteCommand) {
        return ssh(DEFAULT_TIMEOUT, remoteCommand);
    }

    public CommandResult ssh(Duration timeout, String remoteCommand) {
        List<String> command = sshCommand();
        command.add(remoteCommand);
        return LabCommand.run(command, null, timeout);
    }

    /** Opens {@code ssh -N -L 127.0.0.1:<free port>:127.0.0.1:<pgPort>} and waits until the local port listens. */
    public LabTunnel openTunnel() {
        int localPort = freeLocalPort();
        List<String> command = sshCommand("-N", "-o", "ExitOnForwardFailure=yes",
                "-L", "127.0.0.1:" + localPort + ":127.0.0.1:" + pgPort());
        try {
            Path log = Files.createTempFile("prodlab-tunnel-" + id + "-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            LabTunnel tunnel = new LabTunnel(process, localPort, log);
            boolean listening = Poll.lastOf(Duration.ofSeconds(20), Duration.ofMillis(100),
                    () -> process.isAlive() && listens(localPort), up -> up || !process.isAlive());
            if (listening) {
                return tunnel;
            }
            tunnel.close();
            throw new ProdLabException(process.isAlive()
                    ? "ssh tunnel did not listen on 127.0.0.1:" + localPort + " within 20 s"
                    : "ssh tunnel exited " + process.exitValue() + ": " + tunnel.log());
        } catch (IOException e) {
            throw new ProdLabException("cannot start ssh tunnel", e);
        }
    }

    /** Stops writers, then removes everything the lab created. Idempotent. */
    @Override
    public void close() {
        writers.forEach(LabWriter::stop);
        down.run();
    }

    @Override
    public String toString() {
        return "ProdLab[" + id + " " + env.get("LAB_SSH_HOST") + "]";
    }

    // ---- plumbing

    private String require(String key) {
        String value = env.get(key);
        if (value == null) {
            throw new ProdLabException("prodlab up did not print " + key);
        }
        return value;
    }

    private CommandResult script(String stdin, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.add(args[0]);
        if (args[0].equals("pg")) {            // prodlab pg stop|start --id ID
            command.add(args[1]);
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        command.add("--id");
        command.add(id);
        command.addAll(Arrays.asList(args).subList(1, args.length));
        return LabCommand.run(command, stdin, timeout);
    }

    static Map<String, String> parseEnv(String stdout) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freeLocalPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
