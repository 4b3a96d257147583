package io.ifw.core.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.util.promise.Promise;

/**
 * One front end's connection to a backend. Members are addressed by their index in the feature
 * model ({@link io.ifw.core.model.Member#index()}); zones by name, empty for the zone-less view.
 * Methods may be called from any thread and must not block.
 */
@ConsumerType
public interface BackendConnection extends AutoCloseable {

    /**
     * Asks the backend to set a property.
     *
     * @return resolved when applied; failed with a {@link io.ifw.core.FeatureException} otherwise
     */
    Promise<Void> set(int property, String zone, Object value);

    /**
     * Calls an operation; completions may come in any order.
     *
     * @return the operation's result ({@code null} for {@code Void}), or a failure with a
     *     {@link io.ifw.core.FeatureException}
     */
    Promise<Object> invoke(int operation, String zone, Object[] arguments);

    /** Detaches the front end; the backend stops reporting to its listener. */
    @Override
    void close();
}
