package io.ifw.core;

import java.util.Objects;

/**
 * Whether a property's value can be trusted: available, not available (with a reason), or stale —
 * the last value known, kept while its backend is swapped or unreachable.
 *
 * @param state  the level
 * @param reason why it is not available or stale; empty when available
 */
public record ValueAvailability(State state, String reason) {

    /** The levels of availability. */
    public enum State {
        /** The value comes from the bound backend and is current. */
        AVAILABLE,
        /** There is no value: the backend cannot provide it (the reason says why). */
        NOT_AVAILABLE,
        /** The value is the last one known; its source is gone or being replaced. */
        STALE
    }

    /** The value is current. */
    public static final ValueAvailability AVAILABLE = new ValueAvailability(State.AVAILABLE, "");

    public ValueAvailability {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    public static ValueAvailability notAvailable(String reason) {
        return new ValueAvailability(State.NOT_AVAILABLE, reason);
    }

    public static ValueAvailability stale(String reason) {
        return new ValueAvailability(State.STALE, reason);
    }

    public boolean isAvailable() {
        return state == State.AVAILABLE;
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? state.name() : state + " (" + reason + ")";
    }
}
