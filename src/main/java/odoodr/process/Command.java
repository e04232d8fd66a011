package odoodr.process;

import odoodr.ExitCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One invocation of an external program: argv only (never a shell string), a mandatory timeout, the exit codes that
 * count as success, extra environment, optional stdin, and the secrets to redact from anything that is logged.
 * Build with {@link #of(String...)}; instances are immutable.
 */
public final class Command {
    private final List<String> argv;
    private final Duration timeout;
    private final Set<Integer> allowedExitCodes;
    private final Map<String, String> environment;
    private final byte[] stdin;
    private final List<String> secrets;
    private final Path workingDirectory;
    private final String subject;
    private final ExitCode failureCode;
    private final String failureHint;

    private Command(Builder b) {
        if (b.timeout == null) {
            throw new IllegalArgumentException("every command needs a timeout: " + b.argv.get(0));
        }
        this.argv = List.copyOf(b.argv);
        this.timeout = b.timeout;
        this.allowedExitCodes = Set.copyOf(b.allowedExitCodes);
        this.environment = Map.copyOf(b.environment);
        this.stdin = b.stdin;
        this.secrets = List.copyOf(b.secrets);
        this.workingDirectory = b.workingDirectory;
        this.subject = b.subject != null ? b.subject : Path.of(argv.get(0)).getFileName().toString();
        this.failureCode = b.failureCode;
        this.failureHint = b.failureHint;
    }

    public static Builder of(String... argv) {
        return of(List.of(argv));
    }

    public static Builder of(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
        argv.forEach(a -> Objects.requireNonNull(a, "argv element"));
        return new Builder(argv);
    }

    public List<String> argv() {
        return argv;
    }

    public Duration timeout() {
        return timeout;
    }

    public Set<Integer> allowedExitCodes() {
        return allowedExitCodes;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public byte[] stdin() {
        return stdin;
    }

    public List<String> secrets() {
        return secrets;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Short name used in log lines and errors ("ssh", "pg_basebackup"). */
    public String subject() {
        return subject;
    }

    /** The exit code odoo-dr reports when this command fails (its failure class: ssh, rsync, base backup...). */
    public ExitCode failureCode() {
        return failureCode;
    }

    /** What to tell the user when this command fails; null for a generic hint. */
    public String failureHint() {
        return failureHint;
    }

    /** The command line for humans (logs, --dry-run): each argument shell-quoted, secrets masked. */
    public String display() {
        return Redactor.redact(ShellQuote.join(argv), secrets);
    }

    @Override
    public String toString() {
        return display();
    }

    public static final class Builder {
        private final List<String> argv;
        private Duration timeout;
        private final Set<Integer> allowedExitCodes = new TreeSet<>(Set.of(0));
        private final Map<String, String> environment = new LinkedHashMap<>();
        private byte[] stdin;
        private final List<String> secrets = new ArrayList<>();
        private Path workingDirectory;
        private String subject;
        private ExitCode failureCode = ExitCode.PROCESS;
        private String failureHint;

        private Builder(List<String> argv) {
            this.argv = new ArrayList<>(argv);
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Exit codes that count as success besides 0 (e.g. 1 for "grep found nothing"). */
        public Builder allowExitCodes(int... codes) {
            for (int c : codes) {
                allowedExitCodes.add(c);
            }
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder stdin(byte[] input) {
            this.stdin = input.clone();
            return this;
        }

        public Builder stdin(String input) {
            return stdin(input.getBytes(StandardCharsets.UTF_8));
        }

        /** A value that must never appear in logs or error messages (it is replaced by {@code <masked>}). */
        public Builder secret(String secret) {
            if (secret != null && !secret.isEmpty()) {
                secrets.add(secret);
            }
            return this;
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** How a failure of this command is reported: its exit code class and a hint for the user. */
        public Builder onFailure(ExitCode code, String hint) {
            this.failureCode = Objects.requireNonNull(code);
            this.failureHint = hint;
            return this;
        }

        public Command build() {
            return new Command(this);
        }
    }
}
