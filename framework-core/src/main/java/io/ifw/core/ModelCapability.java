package io.ifw.core;

/** What a backend's paging model supports, as in the Qt Interface Framework. */
public enum ModelCapability {
    /** The size is known before every item is loaded (DATA_CHANGED loading). */
    GET_SIZE,
    /** Queries may filter. */
    FILTERING,
    /** Queries may sort ({@code [/field]}). */
    SORTING,
    /** Filters may join comparisons with {@code &}. */
    AND_CONJUNCTION,
    /** Filters may join comparisons with {@code |}. */
    OR_CONJUNCTION,
    /** Browsing forward opens a new instance without changing the current one. */
    STATELESS_NAVIGATION,
    /** Items may be inserted. */
    INSERT,
    /** Items may be moved. */
    MOVE,
    /** Items may be removed. */
    REMOVE
}
