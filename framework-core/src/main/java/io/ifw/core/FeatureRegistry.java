package io.ifw.core;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The IFW runtime as a service, for code that does not get its features by Declarative Services
 * injection, and for tools. Each known feature is also registered as a service under its own
 * interface.
 */
@ProviderType
public interface FeatureRegistry {

    /** The status of every known feature, by feature id. */
    List<FeatureStatus> features();

    /**
     * The status of one feature.
     *
     * @throws FeatureException {@link ErrorCode#INVALID_ARGUMENT} naming an unknown feature id
     */
    FeatureStatus status(String featureId);

    /**
     * The shared feature object of a feature interface (the one registered as a service).
     *
     * @throws FeatureException {@link ErrorCode#INVALID_ARGUMENT} when no active bundle declares it
     */
    <F extends Feature> F feature(Class<F> featureInterface);

    /**
     * A private feature object, with its own discovery options, independent of the shared one.
     * The caller closes it.
     */
    <F extends Feature> FeatureHandle<F> open(Class<F> featureInterface, FeatureOptions options);

    /** The backends registered for a feature, best first by the feature's discovery order. */
    List<BackendInfo> backends(String featureId);

    /**
     * Binds the shared feature object to the named backend, whatever discovery would choose, until
     * that backend goes away or {@link #useDiscovery} is called.
     *
     * @throws FeatureException {@link ErrorCode#INVALID_ARGUMENT} naming an unknown feature or a
     *     backend that is not registered for it
     */
    void use(String featureId, String backendName);

    /** Returns the shared feature object to discovery after {@link #use}. */
    void useDiscovery(String featureId);
}
