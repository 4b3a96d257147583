package io.ifw.core.spi;

import io.ifw.core.query.Query;
import java.util.Objects;

/**
 * A front end opening a model instance on a backend.
 *
 * @param instance    the instance id, chosen by the front end and unique on its connection
 * @param member      the model member's index
 * @param zone        the zone, empty for the zone-less view
 * @param query       the filter and order
 * @param contentType what to browse; empty for the default
 */
public record ModelRequest(long instance, int member, String zone, Query query, String contentType) {

    public ModelRequest {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(contentType, "contentType");
    }
}
