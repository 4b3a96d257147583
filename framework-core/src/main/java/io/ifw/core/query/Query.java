package io.ifw.core.query;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed query: an optional filter and the sort clauses. {@link #toString()} is the canonical
 * form, which {@link #parse} reads back to an equal query.
 *
 * @param filter the filter, or {@code null} when every item matches
 * @param order  the sort clauses, first one first
 */
public record Query(QueryTerm filter, List<OrderTerm> order) {

    /** The query that matches everything in the model's own order. */
    public static final Query ALL = new Query(null, List.of());

    public Query {
        order = List.copyOf(order);
    }

    /**
     * Parses a query in which any identifier may stand for a field.
     *
     * @throws QueryException saying where and what was expected
     */
    public static Query parse(String text) {
        return new QueryParser(text, null).parse();
    }

    /**
     * Parses a query whose identifiers must be among {@code fields}.
     *
     * @throws QueryException saying where and what was expected, or which identifier is unknown
     */
    public static Query parse(String text, Set<String> fields) {
        return new QueryParser(text, Objects.requireNonNull(fields, "fields")).parse();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(filter == null ? "" : filter.toString());
        if (!order.isEmpty()) {
            if (text.length() > 0) {
                text.append(' ');
            }
            order.forEach(text::append);
        }
        return text.toString();
    }
}
