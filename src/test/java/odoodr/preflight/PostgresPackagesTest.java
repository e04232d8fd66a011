package odoodr.preflight;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresPackagesTest {
    /** apt-cache policy postgresql-15 on Debian 12 (this machine), verbatim. */
    private static final String DEBIAN_15 = """
            postgresql-15:
              Installed: 15.18-0+deb12u1
              Candidate: 15.20-0+deb12u1
              Version table:
                 15.20-0+deb12u1 500
                    500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages
             *** 15.18-0+deb12u1 500
                    500 http://deb.debian.org/debian bookworm/main amd64 Packages
                    100 /var/lib/dpkg/status
            """;
    /** A package apt has heard of (a Provides or an old list) but cannot install. */
    private static final String NONE = """
            postgresql-13:
              Installed: (none)
              Candidate: (none)
              Version table:
            """;

    @Test
    void readsAptsCandidate() {
        assertThat(PostgresPackages.hasCandidate(DEBIAN_15)).isTrue();
        assertThat(PostgresPackages.hasCandidate(NONE)).isFalse();
        assertThat(PostgresPackages.hasCandidate("")).isFalse(); // apt-cache policy prints nothing for unknown names
    }

    @Test
    void aMajorTheDistributionShipsIsOneAptGetInstall() {
        assertThat(PostgresPackages.installHint(15, Optional.of(true)))
                .isEqualTo("run: apt-get install -y postgresql-15 postgresql-client-15");
    }

    @Test
    void anotherMajorComesFromPgdgEnabledByPostgresqlCommon() {
        assertThat(PostgresPackages.installHint(13, Optional.of(false)))
                .contains("not in this system's apt sources")
                .contains("apt-get install -y postgresql-common && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y"
                        + " && apt-get install -y postgresql-13 postgresql-client-13");
    }

    @Test
    void withoutAptBothWaysAreGiven() {
        assertThat(PostgresPackages.installHint(16, Optional.empty()))
                .startsWith("run: apt-get install -y postgresql-16 postgresql-client-16")
                .contains("PGDG");
    }
}
