package io.ifw.gateway;

import java.util.function.Consumer;

/** Where one client's messages go: its WebSocket session (or, in tests, a recorder). */
interface ClientChannel {

    /**
     * Sends one text message without blocking; {@code done} is called once, with {@code null} when
     * it was written or with the failure. The gateway never has more than one send in flight per
     * client.
     */
    void send(String text, Consumer<Throwable> done);

    /** Closes the connection with a WebSocket close code and a reason the client sees. */
    void close(int code, String reason);

    /**
     * Drops the connection at once, after queueing a close frame with the code and reason: for a
     * client that does not read, whose close frame would wait behind what it did not read.
     */
    void abort(int code, String reason);

    /** Who the client is, for log lines: its address. */
    String peer();
}
