package io.ifw.core.spi;

import io.ifw.core.model.FeatureModel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Gives a backend the state that was journaled for it before the process stopped (registered as
 * an OSGi service by the state journal). {@link AbstractBackend} asks it once, at its first
 * connection, before it reports its initial state, so that a restart does not lose what the
 * feature's users had set.
 */
@ProviderType
public interface StateRecovery {

    /**
     * The last journaled state of a backend.
     *
     * @param model       the backend's feature model; values are decoded for it, members matched by name
     * @param backendType the backend's class name: state is given back only to the kind of backend that wrote it
     * @return the state, or {@code null} when nothing was journaled for that feature and backend
     */
    RecoveredState recover(FeatureModel model, String backendType);
}
