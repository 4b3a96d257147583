package io.ifw.core;

import java.util.Objects;

/**
 * An error of a feature: a code and a message that names what was wrong.
 *
 * @param code    what kind of error
 * @param message what exactly, with the offending value, member or zone
 */
public record FeatureError(ErrorCode code, String message) {

    public FeatureError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
