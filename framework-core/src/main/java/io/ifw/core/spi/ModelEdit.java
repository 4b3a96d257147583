package io.ifw.core.spi;

import java.util.Objects;

/**
 * An edit of a model instance's items.
 *
 * @param kind  insert, remove or move
 * @param index where (for MOVE: from where)
 * @param to    for MOVE, to where; else -1
 * @param item  for INSERT, the item; else {@code null}
 */
public record ModelEdit(Kind kind, int index, int to, Object item) {

    /** The kinds of edit. */
    public enum Kind { INSERT, REMOVE, MOVE }

    public ModelEdit {
        Objects.requireNonNull(kind, "kind");
    }
}
