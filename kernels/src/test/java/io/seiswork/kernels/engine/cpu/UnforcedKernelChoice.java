package io.seiswork.kernels.engine.cpu;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs each test with {@link KernelChoice#PROPERTY} unset, so the kernels are chosen by the work
 * as in a user's run, whatever the build or an earlier test set it to; put back afterwards.
 */
public final class UnforcedKernelChoice implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(UnforcedKernelChoice.class);
    private static final String UNSET = "\u0000unset";

    @Override
    public void beforeEach(ExtensionContext context) {
        String old = System.clearProperty(KernelChoice.PROPERTY);
        context.getStore(NAMESPACE).put(KernelChoice.PROPERTY, old == null ? UNSET : old);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String old = context.getStore(NAMESPACE).remove(KernelChoice.PROPERTY, String.class);
        if (old == null) {
            return;  // beforeEach did not run (an earlier callback failed): nothing was changed
        }
        if (old.equals(UNSET)) {
            System.clearProperty(KernelChoice.PROPERTY);
        } else {
            System.setProperty(KernelChoice.PROPERTY, old);
        }
    }
}
