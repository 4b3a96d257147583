package io.ifw.core;

/**
 * Why a request to a feature failed, or what is wrong with it. The first five are the Qt Interface
 * Framework's; the others are what a world of remote and swapping backends adds.
 */
public enum ErrorCode {
    /** The caller may not do this (for example a read-only remote credential writing). */
    PERMISSION_DENIED,
    /** The request makes no sense for this member (writing a read-only property, an unknown operation). */
    INVALID_OPERATION,
    /** The backend did not answer within the call timeout. */
    TIMEOUT,
    /** The zone does not exist for this feature. */
    INVALID_ZONE,
    /** Anything else; the message says what. */
    UNKNOWN,
    /** The backend is remote and the connection to it is down. */
    NOT_CONNECTED,
    /** The backend serves an incompatible version of the feature; the message names the members. */
    INCOMPATIBLE,
    /** The value is outside the property's range or domain; the message names the constraint. */
    OUT_OF_RANGE,
    /** The member is not supported by the bound backend (in this zone). */
    UNSUPPORTED,
    /** The backend went away while the request was in flight. */
    BACKEND_GONE,
    /** No backend is bound to the feature. */
    NO_BACKEND,
    /** The value is not of the member's type (or cannot be read as it). */
    INVALID_ARGUMENT
}
