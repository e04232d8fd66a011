package odoodr.e2e;

import odoodr.lab.ProdLab;
import odoodr.lab.ProdLabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
