package io.ifw.core;

import java.util.Objects;

/**
 * A change of a model instance's items.
 *
 * @param kind  what happened
 * @param index the first index concerned (for MOVED: the index the item came from)
 * @param count how many items (1 for MOVED; the new size for RESET)
 * @param to    for MOVED, the index the item went to; else -1
 */
public record ModelChange(Kind kind, int index, int count, int to) {

    /** What happened to the items. */
    public enum Kind {
        /** {@code count} items were inserted at {@code index}. */
        INSERTED,
        /** {@code count} items were removed from {@code index}. */
        REMOVED,
        /** The item at {@code index} moved to {@code to}. */
        MOVED,
        /** {@code count} items from {@code index} were loaded or changed. */
        CHANGED,
        /** Everything may have changed; the size is now {@code count}. */
        RESET
    }

    public ModelChange {
        Objects.requireNonNull(kind, "kind");
    }

    public static ModelChange inserted(int index, int count) {
        return new ModelChange(Kind.INSERTED, index, count, -1);
    }

    public static ModelChange removed(int index, int count) {
        return new ModelChange(Kind.REMOVED, index, count, -1);
    }

    public static ModelChange moved(int from, int to) {
        return new ModelChange(Kind.MOVED, from, 1, to);
    }

    public static ModelChange changed(int index, int count) {
        return new ModelChange(Kind.CHANGED, index, count, -1);
    }

    public static ModelChange reset(int size) {
        return new ModelChange(Kind.RESET, 0, size, -1);
    }
}
