package odoodr.preflight;

import java.util.Optional;

/**
 * How to install PostgreSQL &lt;major&gt; on this replica (runbook A1). Debian and Ubuntu ship one major per release;
 * every other comes from the PostgreSQL project's own apt repository (PGDG), which postgresql-common can enable.
 */
final class PostgresPackages {
    static final String PGDG_SETUP = "/usr/share/postgresql-common/pgdg/apt.postgresql.org.sh";

    private PostgresPackages() {
    }

    static String packages(int major) {
        return "postgresql-" + major + " postgresql-client-" + major;
    }

    /**
     * @param inArchive whether apt knows a candidate for postgresql-&lt;major&gt; here; empty when apt could not say
     */
    static String installHint(int major, Optional<Boolean> inArchive) {
        String install = "apt-get install -y " + packages(major);
        String pgdg = "apt-get install -y postgresql-common && " + PGDG_SETUP + " -y && " + install;
        if (inArchive.isEmpty()) {
            return "run: " + install + " (if apt has no such package, add the PGDG repository first: " + pgdg + ")";
        }
        if (inArchive.get()) {
            return "run: " + install;
        }
        return "PostgreSQL " + major + " is not in this system's apt sources (run apt-get update if they are old);"
                + " add the PGDG repository, then install: " + pgdg;
    }

    /** "Candidate: 15.20-0+deb12u1" → true, "Candidate: (none)" or no such package → false. */
    static boolean hasCandidate(String aptCachePolicyOutput) {
        return aptCachePolicyOutput.lines().map(String::strip)
                .filter(l -> l.startsWith("Candidate:"))
                .anyMatch(l -> !l.substring("Candidate:".length()).strip().equals("(none)")
                        && !l.substring("Candidate:".length()).isBlank());
    }
}
