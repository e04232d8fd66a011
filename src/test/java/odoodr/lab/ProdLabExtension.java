package odoodr.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link ProdLab} per test class: built in beforeAll, removed in afterAll (JUnit runs afterAll whether tests
 * passed, failed or were aborted), injected into any {@code ProdLab} parameter. The lab is also kept in the class's
 * extension store, which JUnit closes with the class even if afterAll is never reached; {@link ProdLab#close()} is
 * idempotent and a JVM shutdown hook is the last resort.
 *
 * <p>Lab tests are skipped, with the reason, when {@code -Dodoodr.skipLab=true} or when not running as root. The
 * assumption is made per test, not in beforeAll: surefire reports an aborted class as "0 tests" with no reason, while
 * each aborted test shows up as skipped with its message. A lab that cannot be built fails the class; it never passes
 * silently.
 *
 * <pre>
 * &#64;ExtendWith(ProdLabExtension.class)
 * class SomethingTest {
 *     &#64;Test void works(ProdLab lab) { ... lab.sql("SELECT 1") ... }
 * }
 * </pre>
 */
public final class ProdLabExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

    static final Namespace NAMESPACE = Namespace.create(ProdLabExtension.class);
    static final String KEY = "prodLab";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (skipReason() != null) {
            return;   // every test of the class is skipped in beforeEach
        }
        // A @Nested class sees its enclosing class's lab (store lookups go to the parent): share it.
        if (context.getStore(NAMESPACE).get(KEY, ProdLab.class) != null) {
            return;
        }
        context.getStore(NAMESPACE).put(KEY, ProdLab.up());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeLabCanRun();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // remove() only sees this class's own store: a nested class never tears down its parent's lab.
        ProdLab lab = context.getStore(NAMESPACE).remove(KEY, ProdLab.class);
        if (lab != null) {
            lab.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ProdLab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ProdLab lab = extensionContext.getStore(NAMESPACE).get(KEY, ProdLab.class);
        if (lab == null) {
            assumeLabCanRun();   // constructor injection comes before beforeEach
            throw new ParameterResolutionException("no prod lab: ProdLabExtension builds it in beforeAll, "
                    + "so register it on the test class with @ExtendWith(ProdLabExtension.class)");
        }
        return lab;
    }

    /** Skips (never passes) a lab test that cannot run here. */
    static void assumeLabCanRun() {
        String reason = skipReason();
        Assumptions.assumeTrue(reason == null, reason);
    }

    /** Why lab tests cannot run here, or null. */
    static String skipReason() {
        if (Boolean.parseBoolean(System.getProperty("odoodr.skipLab", "false"))) {
            return "prod lab test skipped: -Dodoodr.skipLab=true (mvn -DskipLab=true)";
        }
        if (!ProdLab.isRoot()) {
            return "prod lab test skipped: it needs root (network/mount namespaces, veth, tmpfs mounts); "
                    + "run mvn as root, or pass -DskipLab=true to say you mean it";
        }
        return null;
    }
}
