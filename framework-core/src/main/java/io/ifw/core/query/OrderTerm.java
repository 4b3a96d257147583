package io.ifw.core.query;

import java.util.Objects;

/**
 * A sort clause: {@code [/field]} sorts ascending, {@code [\field]} descending.
 *
 * @param field     the field to sort by
 * @param ascending the direction
 */
public record OrderTerm(String field, boolean ascending) {

    public OrderTerm {
        Objects.requireNonNull(field, "field");
    }

    @Override
    public String toString() {
        return "[" + (ascending ? "/" : "\\") + field + "]";
    }
}
