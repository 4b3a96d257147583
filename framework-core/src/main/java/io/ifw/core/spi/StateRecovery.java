package io.ifw.core.spi;

import io.ifw.core.model.FeatureModel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Gives a backend the state that was journaled for it before the process stopped (registered as
 * an OSGi service by the state journal), keyed by feature id and backend name. The runtime asks it
 * once per backend ({@link AbstractBackend#recover}), before any front end binds the backend, so
 * that a restart does not lose what the feature's users had set.
 *
 * <p>A bundle that provides this service declares the capability {@value #CAPABILITY} in its
 * manifest. While such a bundle is installed and its service is not yet registered, the runtime
 * holds the backends it would recover back from binding (their features wait, with the reason in
 * their status), so the order in which bundles start does not matter.
 */
@ProviderType
public interface StateRecovery {

    /** The capability namespace a bundle providing state recovery declares ({@code Provide-Capability}). */
    String CAPABILITY = "io.ifw.state.recovery";

    /**
     * The last journaled state of a backend.
     *
     * @param model       the backend's feature model (its id is the key); values are decoded for it,
     *                    members matched by name
     * @param backendName the backend's {@code ifw.backend.name}: state is given back only to the
     *                    backend of that name that wrote it, so renaming its class loses nothing
     * @return the state, or {@code null} when nothing was journaled for that feature and backend
     */
    RecoveredState recover(FeatureModel model, String backendName);
}
