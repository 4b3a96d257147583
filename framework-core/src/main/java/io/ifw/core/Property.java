package io.ifw.core;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * A property the application can also write. A write is a request: the value changes when the
 * backend applied it, and listeners hear of it then.
 *
 * @param <T> the value type (boxed for primitives)
 */
@ProviderType
public interface Property<T> extends ReadOnlyProperty<T> {

    /**
     * Asks the backend to set the value.
     *
     * @return a promise resolved when the backend applied the value, or failed with a
     *     {@link FeatureException}: {@link ErrorCode#OUT_OF_RANGE} or {@link ErrorCode#UNSUPPORTED}
     *     naming the constraint, {@link ErrorCode#INVALID_ZONE}, {@link ErrorCode#INVALID_ARGUMENT}
     *     for a value of the wrong type, {@link ErrorCode#NO_BACKEND} when none is bound,
     *     {@link ErrorCode#BACKEND_GONE} when the backend left before answering,
     *     {@link ErrorCode#TIMEOUT} after the call timeout. Never hangs.
     */
    Promise<Void> set(T value);

    /**
     * Asks the backend to set the value, waiting at most {@code timeout} for its answer instead of
     * the feature's call timeout (see {@link CallTimeout}).
     *
     * @return as {@link #set(Object)}, failed with {@link ErrorCode#TIMEOUT} after {@code timeout}
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    default Promise<Void> set(T value, java.time.Duration timeout) {
        return CallTimeout.within(timeout, () -> set(value));
    }
}
