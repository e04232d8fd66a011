package odoodr.prod;

import odoodr.config.ConfigKeys;
import odoodr.config.SafeValueRules;
import odoodr.process.ProcessResult;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The no-container half of {@link Discovery}: a postgres process listening where the tunnel can reach it
 * ({@code ss -Hltnp}), and its {@code /proc/PID/exe} and {@code cwd} for the major and the data disk.
 */
final class ListenerDiscovery {
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private static final Pattern DEBIAN_POSTGRES = Pattern.compile("/usr/lib/postgresql/(\\d+)/bin/postgres");

    private ListenerDiscovery() {
    }

    /** Without a PostgreSQL container: a postgres process listening where the tunnel can reach it (127.0.0.1). */
    static void read(ProdCommands prod, DiscoveryNotes notes) {
        if (notes.found.containsKey(ConfigKeys.PROD_PG_PORT)) {
            return;
        }
        ProcessResult ss = prod.run(List.of("sudo", "-n", "ss", "-Hltnp"));
        if (ss.exitCode() != 0) {
            notes.warnings.add("sudo -n ss -Hltnp failed on prod: " + DiscoveryNotes.lastLine(ss.stderr()).orElse("exit " + ss.exitCode()));
            return;
        }
        Map<Integer, String> ports = new LinkedHashMap<>(); // port → pid
        Set<String> seen = new LinkedHashSet<>();
        for (String line : ss.stdout().lines().toList()) {
            String[] cols = line.strip().split("\\s+");
            if (cols.length < 6 || !(line.contains("\"postgres\"") || line.contains("\"postmaster\""))) {
                continue;
            }
            String local = cols[3];
            int colon = local.lastIndexOf(':');
            String host = colon < 0 ? "" : local.substring(0, colon);
            if (!(host.equals("127.0.0.1") || host.equals("0.0.0.0") || host.equals("*"))) {
                continue;
            }
            Matcher pid = PID.matcher(line);
            try {
                int port = Integer.parseInt(local.substring(colon + 1));
                ports.putIfAbsent(port, pid.find() ? pid.group(1) : "");
                seen.add(local);
            } catch (NumberFormatException e) {
                // not a port
            }
        }
        if (ports.isEmpty()) {
            notes.missing.merge(ConfigKeys.PROD_PG_PORT, "no postgres process listens on prod's 127.0.0.1",
                    (before, now) -> before + ", and " + now);
            return;
        }
        if (ports.size() > 1) {
            notes.missing.put(ConfigKeys.PROD_PG_PORT, "postgres listens on several ports: " + String.join(", ", seen));
            return;
        }
        Map.Entry<Integer, String> only = ports.entrySet().iterator().next();
        notes.found.put(ConfigKeys.PROD_PG_PORT, new Discovery.Found(String.valueOf(only.getKey()),
                "sudo ss -ltnp (postgres listens on " + String.join(", ", seen) + ")"));
        notes.missing.remove(ConfigKeys.PROD_PG_PORT);
        String pid = only.getValue();
        if (pid.isEmpty()) {
            return;
        }
        readlink(prod, "/proc/" + pid + "/exe").map(DEBIAN_POSTGRES::matcher).filter(Matcher::matches).ifPresent(m -> {
            notes.missing.remove(ConfigKeys.POSTGRES_MAJOR);
            notes.major(m.group(1), "sudo readlink /proc/" + pid + "/exe (" + m.group(0) + ")");
        });
        readlink(prod, "/proc/" + pid + "/cwd").ifPresent(dir -> {
            notes.missing.remove(ConfigKeys.PROD_DATA_DISK_PATH);
            notes.found(ConfigKeys.PROD_DATA_DISK_PATH, dir, SafeValueRules::absolutePath,
                    "sudo readlink /proc/" + pid + "/cwd (postgres runs in its data directory)");
        });
    }

    private static Optional<String> readlink(ProdCommands prod, String path) {
        ProcessResult r = prod.run(List.of("sudo", "-n", "readlink", "--", path));
        return r.exitCode() == 0 ? Optional.of(r.stdout().strip()).filter(s -> !s.isEmpty()) : Optional.empty();
    }
}
