package io.ifw.core;

import java.util.Objects;

/**
 * The failure of a feature request. Promises returned by {@link Property#set} and operations fail
 * with this exception; its {@link #code()} tells why and its message names the offending value,
 * member, zone or constraint.
 */
public class FeatureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public FeatureException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public FeatureException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Why the request failed. */
    public ErrorCode code() {
        return code;
    }

    /** The code and message as an {@link FeatureError}. */
    public FeatureError error() {
        return new FeatureError(code, getMessage());
    }

    @Override
    public String toString() {
        return "FeatureException[" + code + "]: " + getMessage();
    }
}
