package odoodr.lab;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One booted {@link SystemdContainer} per test class, connected to the class's {@link ProdLab}: register it after
 * {@link ProdLabExtension} (JUnit runs beforeAll callbacks in registration order, afterAll in reverse, so the
 * container goes before its lab). Booted in beforeAll, removed in afterAll whether tests passed or not; also kept in
 * the class's store, which JUnit closes with the class. Skipped with the lab tests' reasons (not root,
 * -DskipLab=true).
 *
 * <pre>
 * &#64;ExtendWith(ProdLabExtension.class)
 * &#64;ExtendWith(SystemdContainerExtension.class)
 * class SomethingLabTest {
 *     &#64;Test void works(ProdLab lab, SystemdContainer replica) { ... replica.run("systemctl", "is-system-running") ... }
 * }
 * </pre>
 */
public final class SystemdContainerExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(SystemdContainerExtension.class);
    private static final String KEY = "systemdContainer";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ProdLabExtension.skipReason() != null || context.getStore(NAMESPACE).get(KEY) != null) {
            return;
        }
        ProdLab lab = context.getStore(ProdLabExtension.NAMESPACE).get(ProdLabExtension.KEY, ProdLab.class);
        if (lab == null) {
            throw new IllegalStateException("SystemdContainerExtension needs a prod lab: register ProdLabExtension first");
        }
        SystemdContainer container = SystemdContainer.up(lab.id());   // named after its lab: unique while both live
        context.getStore(NAMESPACE).put(KEY, container);
        container.connect(lab);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ProdLabExtension.assumeLabCanRun();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SystemdContainer container = context.getStore(NAMESPACE).remove(KEY, SystemdContainer.class);
        if (container != null) {
            container.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SystemdContainer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SystemdContainer container = extensionContext.getStore(NAMESPACE).get(KEY, SystemdContainer.class);
        if (container == null) {
            ProdLabExtension.assumeLabCanRun();
            throw new ParameterResolutionException("no systemd container: register SystemdContainerExtension "
                    + "(after ProdLabExtension) on the test class");
        }
        return container;
    }
}
