package odoodr.preflight;

import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every locale prod's databases use (LC_COLLATE and LC_CTYPE of each database, template1 and postgres included)
 * exists on this replica (gotcha 2): the standby is a byte copy, and a database whose locale the OS lacks cannot be
 * opened there. Names are compared as glibc normalises them ({@code en_US.UTF-8} = {@code en_US.utf8}).
 */
final class LocaleCheck extends PreflightCheck {
    static final String ID = "replica-locale";
    private static final Path SUPPORTED = Path.of("/usr/share/i18n/SUPPORTED");
    private static final Path OS_RELEASE = Path.of("/etc/os-release");
    private static final Path LOCALE_GEN = Path.of("/usr/sbin/locale-gen");

    private final ProdDatabase db;
    private final LocaleLister lister;

    LocaleCheck(Findings findings, ProdDatabase db, LocaleLister lister) {
        super(findings, ID, "prod's locales exist on this replica", ProdPostgresCheck.ID);
        this.db = db;
        this.lister = lister;
    }

    @Override
    protected Check inspect(SetupContext ctx) {
        // locale → the databases using it, for the message
        Map<String, Set<String>> used = new LinkedHashMap<>();
        for (Map<String, String> row : Sql.rows(db.session(ctx),
                "SELECT datname, datcollate, datctype FROM pg_database ORDER BY datname")) {
            used.computeIfAbsent(row.get("datcollate"), k -> new TreeSet<>()).add(row.get("datname"));
            used.computeIfAbsent(row.get("datctype"), k -> new TreeSet<>()).add(row.get("datname"));
        }
        List<String> available = lister.available(ctx);
        Set<String> missing = LocaleNames.missing(used.keySet(), available);
        if (missing.isEmpty()) {
            return Check.satisfied("prod uses " + String.join(", ", used.keySet()) + "; all in locale -a here");
        }
        List<String> reasons = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        List<String> supported = readLines(SUPPORTED);
        String os = osIds();
        boolean localeGen = Files.isExecutable(LOCALE_GEN);
        for (String m : missing) {
            reasons.add(m + " (databases " + String.join(", ", used.get(m)) + ")");
            hints.add(LocaleGenHint.commands(m, supported, os, localeGen));
        }
        return Check.blocked("prod's locale " + String.join(", ", reasons) + " is missing on this replica (locale -a)",
                String.join("; ", hints));
    }

    /** ID and ID_LIKE of /etc/os-release, lower case: "debian", "ubuntu debian". */
    private static String osIds() {
        StringBuilder ids = new StringBuilder();
        for (String line : readLines(OS_RELEASE)) {
            if (line.startsWith("ID=") || line.startsWith("ID_LIKE=")) {
                ids.append(' ').append(line.substring(line.indexOf('=') + 1).replace("\"", ""));
            }
        }
        return ids.toString().strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
