package io.ifw.gateway;

import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.BatchMode;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.WriteCallback;

/** One client's WebSocket, as Jetty hands it: its messages go to a {@link Connection}, the gateway's go out through it. */
final class GatewaySocket implements WebSocketListener, ClientChannel {

    private final Gateway gateway;
    private final Role role;
    private final String peer;
    private volatile Session session;
    private volatile Connection connection;

    GatewaySocket(Gateway gateway, Role role, String peer) {
        this.gateway = gateway;
        this.role = role;
        this.peer = peer;
    }

    @Override
    public void onWebSocketConnect(Session opened) {
        this.session = opened;
        // a send completes when its frame is written, not when Jetty batched it: so the outbox
        // knows when a client stopped reading
        opened.getRemote().setBatchMode(BatchMode.OFF);
        this.connection = gateway.open(this, role);
    }

    @Override
    public void onWebSocketText(String message) {
        Connection current = connection;
        if (current != null) {
            current.received(message);
        }
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int length) {
        Connection current = connection;
        if (current != null) {
            current.binaryReceived(length);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        Connection current = connection;
        if (current != null) {
            gateway.closed(current);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        Connection current = connection;
        if (current != null) {
            gateway.closed(current);
        }
    }

    @Override
    public void send(String text, Consumer<Throwable> done) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            done.accept(new java.io.IOException("the WebSocket of " + peer + " is closed"));
            return;
        }
        current.getRemote().sendString(text, new WriteCallback() {
            @Override
            public void writeFailed(Throwable failure) {
                done.accept(failure);
            }

            @Override
            public void writeSuccess() {
                done.accept(null);
            }
        });
    }

    @Override
    public void close(int code, String reason) {
        Session current = session;
        if (current != null) {
            current.close(code, reason);
        }
    }

    @Override
    public void abort(int code, String reason) {
        Session current = session;
        if (current != null) {
            current.close(code, reason);
            current.disconnect();
        }
    }

    @Override
    public String peer() {
        return peer;
    }
}
