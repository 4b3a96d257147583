package io.ifw.journal.internal;

import io.ifw.core.spi.StateRecovery;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers the {@link JournalRecovery} as soon as the bundle starts, before any configuration
 * arrives: the launcher starts this bundle before the backends, so that a backend's first
 * connection finds its journaled state.
 */
public final class JournalActivator implements BundleActivator {

    private JournalRecovery recovery;
    private ServiceRegistration<StateRecovery> registration;

    @Override
    public void start(BundleContext context) {
        String directory = context.getProperty(JournalRecovery.DIRECTORY_PROPERTY);
        recovery = new JournalRecovery(directory == null || directory.isBlank() ? List.of() : List.of(Path.of(directory.trim())));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("ifw.journal.recovery", Boolean.TRUE);
        registration = context.registerService(StateRecovery.class, recovery, properties);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
        recovery.close();
    }
}
