package odoodr.host;

import odoodr.process.Command;
import odoodr.process.ProcessRunner;

import java.time.Duration;
import java.util.Optional;

/** Reads this machine's users and groups through NSS ({@code getent}), as useradd and ls see them. */
public final class LocalAccounts {
    private static final Duration QUICK = Duration.ofSeconds(10);

    /** One {@code getent passwd} or {@code getent group} line: name and numeric id, plus the home of a user. */
    public record Entry(String name, int id, String home) {
    }

    private final ProcessRunner runner;

    public LocalAccounts(ProcessRunner runner) {
        this.runner = runner;
    }

    /** A user by name or by numeric uid. */
    public Optional<Entry> user(String nameOrUid) {
        return entry("passwd", nameOrUid);
    }

    /** A group by name or by numeric gid. */
    public Optional<Entry> group(String nameOrGid) {
        return entry("group", nameOrGid);
    }

    private Optional<Entry> entry(String database, String key) {
        var r = runner.run(Command.of("getent", database, key).allowExitCodes(2).timeout(QUICK).build());
        if (r.exitCode() != 0) {
            return Optional.empty();
        }
        return parse(r.stdoutTrimmed().lines().findFirst().orElse(""), database.equals("passwd"));
    }

    public static Optional<Entry> parse(String line, boolean passwd) {
        String[] f = line.split(":", -1);
        if (f.length < (passwd ? 7 : 3)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Entry(f[0], Integer.parseInt(f[2]), passwd ? f[5] : ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
