package io.ifw.core;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * A large list of records a backend serves in chunks (a play queue, a station list, a library).
 * The feature model understands paging model members; loading strategies, capabilities and
 * editing are described by the reference features that serve them.
 *
 * @param <T> the record type of the items
 */
@ProviderType
public interface PagingModel<T> {

    /** The member name. */
    String name();

    /**
     * Fetches {@code count} items from {@code start}.
     *
     * @return the items (fewer at the end of the list), or a failed promise with a
     *     {@link FeatureException}
     */
    Promise<List<T>> fetch(int start, int count);
}
