package io.ifw.core;

import io.ifw.core.query.Query;
import java.util.Objects;

/**
 * How a model instance loads its items and which items it shows.
 *
 * @param loadingType        FETCH_MORE: the size grows chunk by chunk as the application asks for
 *                           more; DATA_CHANGED: the size is known at once and chunks load when
 *                           their items are read (needs the backend's GET_SIZE, else FETCH_MORE)
 * @param chunkSize          how many items one fetch brings
 * @param fetchMoreThreshold FETCH_MORE: reading an item this close to the end loads the next chunk
 * @param query              the filter and order ({@link Query#ALL} for every item in the
 *                           backend's order)
 * @param contentType        what to browse, for filter-and-browse models (empty for the default)
 */
public record ModelOptions(LoadingType loadingType, int chunkSize, int fetchMoreThreshold, Query query, String contentType) {

    /** How a model instance loads. */
    public enum LoadingType { FETCH_MORE, DATA_CHANGED }

    /** FETCH_MORE, chunks of 20, threshold 4, every item, default content. */
    public static final ModelOptions DEFAULTS = new ModelOptions(LoadingType.FETCH_MORE, 20, 4, Query.ALL, "");

    public ModelOptions {
        Objects.requireNonNull(loadingType, "loadingType");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(contentType, "contentType");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
        }
        if (fetchMoreThreshold < 0) {
            throw new IllegalArgumentException("fetchMoreThreshold must not be negative, was " + fetchMoreThreshold);
        }
    }

    public ModelOptions withLoadingType(LoadingType type) {
        return new ModelOptions(type, chunkSize, fetchMoreThreshold, query, contentType);
    }

    public ModelOptions withChunkSize(int size) {
        return new ModelOptions(loadingType, size, fetchMoreThreshold, query, contentType);
    }

    public ModelOptions withFetchMoreThreshold(int threshold) {
        return new ModelOptions(loadingType, chunkSize, threshold, query, contentType);
    }

    /** @throws io.ifw.core.query.QueryException when the text does not parse */
    public ModelOptions withQuery(String queryText) {
        return new ModelOptions(loadingType, chunkSize, fetchMoreThreshold, Query.parse(queryText), contentType);
    }

    public ModelOptions withContentType(String type) {
        return new ModelOptions(loadingType, chunkSize, fetchMoreThreshold, query, type);
    }
}
