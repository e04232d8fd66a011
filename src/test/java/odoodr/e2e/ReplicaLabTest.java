package odoodr.e2e;

import odoodr.ExitCode;
import odoodr.config.PgEndpoint;
import odoodr.config.Secret;
import odoodr.lab.Poll;
import odoodr.lab.ProdLab;
import odoodr.lab.ProdLabExtension;
import odoodr.postgres.ConnectionFactory;
import odoodr.postgres.PrimarySession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static odoodr.postgres.ConnectionProfile.LOCAL_STANDBY;

/**
 * Base of end-to-end tests that need a prod lab and one replica for the whole class, its tests run in
 * {@code @Order}: the replica is made before the first test and everything it left on this machine is removed
 * after the last one, also when a test failed.
 */
@ExtendWith(ProdLabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ReplicaLabTest {
    protected Replica replica;
    protected Path dir;

    /**
     * Made before the first test, in beforeEach rather than beforeAll: the lab extension skips a test that cannot run
     * here (not root, -DskipLab=true) in its own beforeEach, which comes first.
     */
    @BeforeEach
    void createReplica(ProdLab lab) throws Exception {
        if (replica == null) {
            dir = Files.createTempDirectory("odoo-dr-e2e");
            replica = new Replica(lab, dir);
            prepare(lab, replica);
        }
    }

    /** Once, before the first test, with the replica just made: what the whole class needs on prod or here. */
    protected void prepare(ProdLab lab, Replica replica) throws Exception {
    }

    @AfterAll
    void removeReplica() throws Exception {
        if (replica != null) {
            replica.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A state-changing command refused because another one (another test class here) holds the host's state lock. */
    protected static boolean heldByAnother(Replica.Run r) {
        return r.code() == ExitCode.PRECONDITION.code() && r.err().contains("is changing this host's state");
    }

    /** prod's superuser, over TCP to a local cluster of this host (the standby, or a copy restored from it). */
    protected PrimarySession session(ProdLab lab, int port) {
        return ConnectionFactory.session(LOCAL_STANDBY.loginAs(lab.superuser(), PgEndpoint.loopback(port),
                Secret.of(lab.superuserPassword()), "odoo"));
    }

    protected String standbyValue(ProdLab lab, String sql) {
        try (PrimarySession s = session(lab, replica.standbyPort())) {
            return s.queryValue(sql).orElse("");
        }
    }

    /** Polls the standby until {@code sql} returns {@code expected} (it replays); the last value seen. */
    protected String awaitStandby(ProdLab lab, String sql, String expected) {
        return Poll.lastOf(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
            try {
                return standbyValue(lab, sql);
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        }, expected::equals);
    }
}
