package io.ifw.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * A test's client of the gateway over a real WebSocket (the JDK's): it sends JSON messages and
 * keeps every message it receives, in order, for the test to wait for.
 */
final class GatewayClient implements AutoCloseable, WebSocket.Listener {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_S = 30;

    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger nextId = new AtomicInteger();
    private final WebSocket socket;
    volatile int closeCode = -1;
    volatile String closeReason;

    private GatewayClient(URI uri, String origin) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(WAIT_S));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, this).get(WAIT_S, TimeUnit.SECONDS);
    }

    /** Connects to the gateway of the container the test runs in. */
    static GatewayClient connect(BundleContext context, String token) throws Exception {
        return connect(context, token, null);
    }

    static GatewayClient connect(BundleContext context, String token, String origin) throws Exception {
        return new GatewayClient(URI.create("ws://127.0.0.1:" + port(context) + "/ifw/ws" + (token == null ? "" : "?token=" + token)), origin);
    }

    /**
     * The web server's port, once it serves on the port of its configuration and the gateway's
     * endpoint is registered.
     */
    static int port(BundleContext context) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            try {
                ServiceReference<?>[] runtimes = context.getServiceReferences("org.osgi.service.servlet.runtime.HttpServiceRuntime", null);
                ServiceReference<?>[] gateways = context.getServiceReferences((String) null, "(ifw.gateway.access=*)");
                if (runtimes != null && gateways != null) {
                    Object endpoint = runtimes[0].getProperty("osgi.http.endpoint");
                    String text = endpoint instanceof String[] array ? array[0] : String.valueOf(endpoint);
                    java.util.regex.Matcher port = java.util.regex.Pattern.compile(":(\\d+)/").matcher(text);
                    if (port.find() && Integer.parseInt(port.group(1)) > 0) {
                        return Integer.parseInt(port.group(1));
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the web server did not serve the gateway within " + WAIT_S + " s");
    }

    /** A new message of {@code type} with a fresh id. */
    ObjectNode message(String type) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", type);
        message.put("id", nextId.incrementAndGet());
        return message;
    }

    /** Sends a message and waits for the answer with its id (a reply or an error). */
    JsonNode request(ObjectNode message) throws InterruptedException {
        send(message.toString());
        int id = message.get("id").intValue();
        return await(m -> (m.path("type").asText().equals("reply") || m.path("type").asText().equals("error")) && m.path("id").asInt(-1) == id,
                "the answer to " + message);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    }

    /** Waits for the first message, among those received and not yet taken, that {@code test} accepts; earlier ones are kept. */
    JsonNode await(Predicate<JsonNode> test, String what) throws InterruptedException {
        synchronized (seen) {
            for (JsonNode message : seen) {
                if (test.test(message)) {
                    seen.remove(message);
                    return message;
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode message = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (message == null) {
                synchronized (seen) {
                    throw new AssertionError("no " + what + " within " + WAIT_S + " s; received meanwhile: " + seen);
                }
            }
            if (test.test(message)) {
                return message;
            }
            synchronized (seen) {
                seen.add(message);
            }
        }
    }

    /** Whether a message {@code test} accepts was received (and not taken) so far; does not wait. */
    boolean hasReceived(Predicate<JsonNode> test) {
        synchronized (seen) {
            received.drainTo(seen);
            return seen.stream().anyMatch(test);
        }
    }

    /** Waits for the next message of {@code type}. */
    JsonNode awaitType(String type) throws InterruptedException {
        return await(m -> m.path("type").asText().equals(type), "'" + type + "' message");
    }

    /** Waits until the connection is closed by the server; its close code. */
    int awaitClose() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (closeCode < 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the connection was not closed within " + WAIT_S + " s");
            }
            Thread.sleep(10);
        }
        return closeCode;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new AssertionError("the gateway sent something that is no JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode = statusCode;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (closeCode < 0) {
            closeReason = String.valueOf(error);
            closeCode = 1006;
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
