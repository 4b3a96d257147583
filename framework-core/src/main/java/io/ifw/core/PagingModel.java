package io.ifw.core;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A large list of records a backend serves in chunks (a play queue, a station list, a library).
 * Each {@link #open} gives an independent instance with its own query, cache and listeners.
 *
 * @param <T> the record type of the items
 */
@ProviderType
public interface PagingModel<T> {

    /** The member name. */
    String name();

    /** Opens an instance with the given options on the bound backend. */
    ModelInstance<T> open(ModelOptions options);

    /** Opens an instance with {@link ModelOptions#DEFAULTS}. */
    default ModelInstance<T> open() {
        return open(ModelOptions.DEFAULTS);
    }
}
