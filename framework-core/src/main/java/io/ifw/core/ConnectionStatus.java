package io.ifw.core;

import java.util.Objects;

/**
 * The state of the connection between a feature and its backend. Local backends are
 * {@link State#CONNECTED} while bound; remote backends report the state of the link.
 *
 * @param state         the level
 * @param sinceEpochMs  when this state began (wall clock, ms since the epoch); 0 for never
 * @param detail        for SUSPECT what was missed, for INCOMPATIBLE the member differences; else empty
 */
public record ConnectionStatus(State state, long sinceEpochMs, String detail) {

    /** The levels of a connection. */
    public enum State {
        /** No backend has been connected yet. */
        NEVER_CONNECTED,
        /** Connected and answering. */
        CONNECTED,
        /** Silent for longer than expected: values may be stale, calls may fail. */
        SUSPECT,
        /** Connected, but the peer's feature model does not match this one. */
        INCOMPATIBLE,
        /** Was connected and is not any more. */
        DISCONNECTED
    }

    /** Before any backend connected. */
    public static final ConnectionStatus NEVER_CONNECTED = new ConnectionStatus(State.NEVER_CONNECTED, 0, "");

    public ConnectionStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    public static ConnectionStatus connected() {
        return new ConnectionStatus(State.CONNECTED, System.currentTimeMillis(), "");
    }

    public static ConnectionStatus of(State state, String detail) {
        return new ConnectionStatus(state, System.currentTimeMillis(), detail);
    }
}
