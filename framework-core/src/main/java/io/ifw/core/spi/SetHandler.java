package io.ifw.core.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.util.promise.Promise;

/**
 * What a backend does when a front end writes a property, after the runtime checked the zone, the
 * type and the constraints. It usually applies the value to the real thing and then calls
 * {@code update(...)}, which tells every front end.
 *
 * @param <T> the property's value type
 */
@FunctionalInterface
@ConsumerType
public interface SetHandler<T> {

    /**
     * @return resolved when applied; failed with a {@link io.ifw.core.FeatureException} to refuse
     */
    Promise<Void> apply(String zone, T value) throws Exception;
}
