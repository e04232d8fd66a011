package odoodr.e2e;

import odoodr.ExitCode;
import odoodr.host.ServiceUser;
import odoodr.lab.ProdLab;
import odoodr.postgres.ReplicationCredentials;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security finding 1, end to end: whoever has the postgres account (anyone who can run {@code COPY … TO PROGRAM}
 * with prod's Odoo superuser password and reach the standby) plants a link in a directory postgres owns, pointing at
 * a root-owned file. Setup, which runs as root, must refuse with a clear message and exit 15, leave the root file as
 * it was (owner, mode, content), and just work once the link is gone.
 */
class PlantedSymlinkLabTest extends ReplicaLabTest {
    /**
     * A comment line, so postgresql-common's own tools (pg_lsclusters, run as root in preflight, which do read
     * conf.d through a link) parse it and the run reaches odoo-dr's step: what is checked is odoo-dr, not them.
     */
    private static final String ROOT_SECRET = "# root's own file: odoo-dr must never write, chown or read it\n";

    private Path victim;

    @Override
    protected void prepare(ProdLab lab, Replica replica) throws Exception {
        victim = dir.resolve("root-owned-victim");
        Files.writeString(victim, ROOT_SECRET);
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    @Order(1)
    void aPgpassLinkPlantedByPostgresIsRefusedAndTheRootFileBehindItIsUntouched() throws Exception {
        Path pgpass = ReplicationCredentials.pgpassPath();
        // ~postgres/.pgpass is shared by every replica on this host: keep what is there and put it back
        Path saved = pgpass.resolveSibling(".pgpass.odoo-dr-e2e-saved");
        boolean hadOne = Files.exists(pgpass, LinkOption.NOFOLLOW_LINKS);
        if (hadOne) {
            Files.move(pgpass, saved, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            setupRefusesWhilePlanted(pgpass);
        } finally {
            if (hadOne) {
                Files.move(saved, pgpass, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Replica.Run again = replica.run("setup", "--only", "database");
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("setup: all steps ok");
        PosixFileAttributes written = Files.readAttributes(pgpass, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(written.isRegularFile()).isTrue();
        assertThat(written.owner().getName()).isEqualTo("postgres");
    }

    @Test
    @Order(2)
    void aLinkInTheClustersEtcDirectoryIsRefusedToo() throws Exception {
        Path conf = replica.cluster().confD().resolve("odoo-dr-standby.conf");
        assertThat(conf).as("written by the setup before").isRegularFile();
        Files.delete(conf);
        setupRefusesWhilePlanted(conf);
        Replica.Run again = replica.run("setup", "--only", "database");
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(Files.isSymbolicLink(conf)).isFalse();
        assertThat(Files.readString(conf)).contains("hot_standby = on");
        assertThat(Files.getOwner(conf, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("postgres");
    }

    /** Plants a link at {@code where}, runs setup, checks the refusal, and always removes the link again. */
    private void setupRefusesWhilePlanted(Path where) throws Exception {
        try {
            plantAsPostgres(where);
            assertRefused(replica.run("setup", "--only", "database"), where);
        } finally {
            Files.deleteIfExists(where);
        }
    }

    /** As postgres itself, as an attacker with that account would: {@code ln -s <root file> <where>}. */
    private void plantAsPostgres(Path where) {
        var result = new ProcessRunner().run(Command.of(ServiceUser.POSTGRES.as(List.of("ln", "-s", victim.toString(),
                where.toString()))).timeout(Duration.ofSeconds(10)).build());
        assertThat(result.exitCode()).isZero();
        assertThat(Files.isSymbolicLink(where)).isTrue();
    }

    private void assertRefused(Replica.Run r, Path link) throws Exception {
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.PRECONDITION.code());
        assertThat(r.all()).contains("refusing to use " + link).contains("symbolic link")
                .contains("someone with the postgres account may be trying to get root");
        PosixFileAttributes after = Files.readAttributes(victim, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(after.owner().getName()).isEqualTo("root");
        assertThat(after.group().getName()).isEqualTo("root");
        assertThat(PosixFilePermissions.toString(after.permissions())).isEqualTo("rw-r-----");
        assertThat(Files.readString(victim)).isEqualTo(ROOT_SECRET);
    }
}
