package io.ifw.core.spi;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** Finds the {@link StateRecovery} service, if any, for a backend's first connection. */
final class Recoveries {

    private Recoveries() {
    }

    /** Restores a backend from the best-ranked recovery service of its framework, if there is one (none outside a framework). */
    static void recoverInto(AbstractBackend<?> backend) {
        Bundle bundle = FrameworkUtil.getBundle(backend.getClass());
        if (bundle == null) {
            bundle = FrameworkUtil.getBundle(Recoveries.class);
        }
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return;
        }
        ServiceReference<StateRecovery> reference;
        StateRecovery recovery;
        try {
            reference = context.getServiceReference(StateRecovery.class);
            recovery = reference == null ? null : context.getService(reference);
        } catch (IllegalStateException e) {
            return; // the bundle is stopping
        }
        if (recovery == null) {
            return;
        }
        try {
            backend.recover(recovery);
        } finally {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException e) {
                // the bundle stopped meanwhile
            }
        }
    }
}
