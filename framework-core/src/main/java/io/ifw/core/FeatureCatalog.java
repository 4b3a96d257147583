package io.ifw.core;

import io.ifw.core.model.FeatureModel;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * The feature interfaces of the active bundles, as the runtime found them: the one place that
 * tracks feature bundles. The simulator (a simulation backend per feature) and the remote client
 * (this process's models of the features a server offers) use it instead of tracking bundles
 * themselves, so they agree with the runtime on which features exist.
 */
@ProviderType
public interface FeatureCatalog {

    /** A feature: its model and the bundle whose interface it is. */
    record Entry(FeatureModel model, Bundle bundle) {
    }

    /** Told of features as they come and go. */
    @ConsumerType
    interface Listener {

        /** A feature interface became available. */
        void added(Entry feature);

        /** A feature interface is gone (its bundle stopped). */
        void removed(Entry feature);
    }

    /** The features now, ordered by id. */
    List<Entry> entries();

    /** The model of a feature; empty when no active bundle declares it. */
    Optional<FeatureModel> find(String featureId);

    /**
     * Tells {@code listener} of every feature there is now (as {@link Listener#added}), then of
     * every change, in order, until the returned handle is closed.
     */
    AutoCloseable watch(Listener listener);
}
