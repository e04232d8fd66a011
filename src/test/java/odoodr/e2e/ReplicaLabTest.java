package odoodr.e2e;

import odoodr.lab.ProdLab;
import odoodr.lab.ProdLabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

    @BeforeAll
    void createReplica(ProdLab lab) throws Exception {
        dir = Files.createTempDirectory("odoo-dr-e2e");
        replica = new Replica(lab, dir);
    }

    @AfterAll
    void removeReplica() {
        if (replica != null) {
            replica.close();
        }
    }
}
