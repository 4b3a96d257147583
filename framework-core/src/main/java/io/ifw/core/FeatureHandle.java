package io.ifw.core;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A private feature object with its own discovery options, from {@link FeatureRegistry#open}.
 * Closing it unbinds its backend and fails its calls in flight with {@link ErrorCode#BACKEND_GONE}.
 *
 * @param <F> the feature interface
 */
@ProviderType
public interface FeatureHandle<F extends Feature> extends AutoCloseable {

    /** The feature object; the same object for the life of the handle. */
    F feature();

    @Override
    void close();
}
