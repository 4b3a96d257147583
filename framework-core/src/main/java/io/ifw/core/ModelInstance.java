package io.ifw.core;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * One independent view of a paging model, with its own query, cache and listeners; opened with
 * {@link PagingModel#open}, closed by its owner. When the feature swaps backends, the instance is
 * opened again on the new backend and reports a RESET.
 *
 * @param <T> the record type of the items
 */
@ProviderType
public interface ModelInstance<T> extends AutoCloseable {

    /** Resolved when the backend opened the instance (size and capabilities known); failed with a {@link FeatureException}. */
    Promise<Void> ready();

    /** What the backend supports for this instance; empty until {@link #ready()}. */
    Set<ModelCapability> capabilities();

    /**
     * DATA_CHANGED: the number of items; FETCH_MORE: the number loaded so far. In FETCH_MORE the
     * first chunk loads when a listener registers with {@link #onChange} or {@link #fetchMore()}
     * is called, and each further one when an item near the end is read.
     */
    int size();

    /**
     * The item at {@code index}, or {@code null} while it is not loaded. Reading an item starts
     * loading what is needed: its chunk (DATA_CHANGED) or the next chunk near the end (FETCH_MORE).
     *
     * @throws IndexOutOfBoundsException when {@code index} is not in {@code [0, size())}
     */
    T get(int index);

    /** Whether the item at {@code index} is loaded. */
    boolean isLoaded(int index);

    /** Loads {@code count} items from {@code start} (fewer at the end). */
    Promise<List<T>> fetch(int start, int count);

    /** FETCH_MORE: whether the backend has items beyond those loaded. */
    boolean canFetchMore();

    /** FETCH_MORE: loads the next chunk. */
    Promise<Void> fetchMore();

    /** Calls {@code listener} with each change of the items, in order, on the feature's serial executor. */
    Registration onChange(Consumer<? super ModelChange> listener);

    /** Inserts an item; fails with INVALID_OPERATION when the backend does not support INSERT. */
    Promise<Void> insert(int index, T item);

    /** Removes an item; fails with INVALID_OPERATION when the backend does not support REMOVE. */
    Promise<Void> remove(int index);

    /** Moves an item; fails with INVALID_OPERATION when the backend does not support MOVE. */
    Promise<Void> move(int from, int to);

    /** Releases the instance on the backend. */
    @Override
    void close();
}
